window.YTD.note_tweet.part0 = [
  {
    "noteTweet" : {
      "noteTweetId" : "1894836077668074145",
      "updatedAt" : "2025-02-26T19:45:00.000Z",
      "lifecycle" : {
        "value" : "1",
        "name" : "Active",
        "originalName" : "Active",
        "annotations" : { }
      },
      "createdAt" : "2025-02-26T19:45:00.000Z",
      "core" : {
        "styletags" : [ ],
        "urls" : [ ],
        "text" : "Long one, because 280 characters can't hold this.\n\nI spent a week running three frontier models on 400 of our real support tickets. The launch posts ranked them A > B > C. On our data: C resolved 62%, A 58%, B 55%.\n\nWhy? Our tickets are messy, multilingual & full of pasted logs. Public evals are clean, English and < 2k tokens.\n\nBenchmarks are useful. They are not your users. Run your own evals before you switch models, and publish them if you can.",
        "mentions" : [ ],
        "cashtags" : [ ],
        "hashtags" : [ ]
      }
    }
  }
]