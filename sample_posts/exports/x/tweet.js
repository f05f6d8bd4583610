window.YTD.tweet.part0 = [
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "103"
      ],
      "favorite_count" : "23",
      "id_str" : "1598047722533818368",
      "truncated" : false,
      "retweet_count" : "3",
      "id" : "1598047722533818368",
      "created_at" : "Wed Nov 30 20:14:02 +0000 2022",
      "favorited" : false,
      "full_text" : "Just asked the new chatbot to explain my own code back to me. It did a better job than my comments did.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "AI Newsdesk (sample)",
            "screen_name" : "ai_newsdesk",
            "indices" : [
              "3",
              "15"
            ],
            "id_str" : "1600000000000000004",
            "id" : "1600000000000000004"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "154"
      ],
      "favorite_count" : "0",
      "id_str" : "1598014684001214464",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1598014684001214464",
      "created_at" : "Wed Nov 30 18:02:45 +0000 2022",
      "favorited" : false,
      "full_text" : "RT @ai_newsdesk: A new chat assistant launched today and people are already calling it the end of search. We tested it on 50 factual questions and it got…",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "112"
      ],
      "favorite_count" : "8",
      "id_str" : "1536644944884674560",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1536644944884674560",
      "created_at" : "Tue Jun 14 09:41:19 +0000 2022",
      "favorited" : false,
      "full_text" : "Large language models are impressive at sounding right. Sounding right and being right are different benchmarks.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "37"
      ],
      "favorite_count" : "2",
      "id_str" : "1498991507665862656",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1498991507665862656",
      "created_at" : "Wed Mar 02 12:00:00 +0000 2022",
      "favorited" : false,
      "full_text" : "New desk, new monitor, same old bugs.",
      "lang" : "en"
    }
  }
]