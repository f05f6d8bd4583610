window.YTD.tweets.part0 = [
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1895779179819958272"
          ],
          "editableUntil" : "2025-03-01T11:12:33.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
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
        "102"
      ],
      "favorite_count" : "41",
      "id_str" : "1895779179819958272",
      "truncated" : false,
      "retweet_count" : "6",
      "id" : "1895779179819958272",
      "created_at" : "Sat Mar 01 10:12:33 +0000 2025",
      "favorited" : false,
      "full_text" : "GPT-5.2 hits 80.1% on SWE-bench Verified. Cool. Now show me the pass rate on a repo it has never seen.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1895580776657850368"
          ],
          "editableUntil" : "2025-02-28T22:04:10.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Hype Beast (sample)",
            "screen_name" : "ml_hypebeast",
            "indices" : [
              "3",
              "16"
            ],
            "id_str" : "1600000000000000001",
            "id" : "1600000000000000001"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "163"
      ],
      "favorite_count" : "0",
      "id_str" : "1895580776657850368",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1895580776657850368",
      "created_at" : "Fri Feb 28 21:04:10 +0000 2025",
      "favorited" : false,
      "full_text" : "RT @ml_hypebeast: This model is INSANE. Built a full SaaS in 11 minutes. Coding is over 🚀🚀🚀 Here's the exact prompt I used to go from zero to paying customers bef…",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1895541979345854464"
          ],
          "editableUntil" : "2025-02-28T19:30:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
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
        "118"
      ],
      "favorite_count" : "17",
      "id_str" : "1895541979345854464",
      "truncated" : false,
      "retweet_count" : "2",
      "id" : "1895541979345854464",
      "created_at" : "Fri Feb 28 18:30:00 +0000 2025",
      "favorited" : false,
      "full_text" : "Benchmarks &amp; vibes: Gemini 3 Pro &gt; GPT-5.1 on GPQA Diamond, but on my 20 real tickets it was 11 vs 12. Signal &lt; noise?",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1895117217985474560"
          ],
          "editableUntil" : "2025-02-27T15:22:09.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [
          {
            "url" : "https://t.co/Xq7LmN2pQa",
            "expanded_url" : "https://example.com/blog/llama-notes-feb-2025",
            "display_url" : "example.com/blog/llama-note…",
            "indices" : [
              "92",
              "115"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "115"
      ],
      "favorite_count" : "88",
      "id_str" : "1895117217985474560",
      "truncated" : false,
      "retweet_count" : "19",
      "id" : "1895117217985474560",
      "possibly_sensitive" : false,
      "created_at" : "Thu Feb 27 14:22:09 +0000 2025",
      "favorited" : false,
      "full_text" : "Wrote up my notes on the new Llama weights: setup, VRAM, tokens/sec, and where it fell over https://t.co/Xq7LmN2pQa",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1895040118289350656"
          ],
          "editableUntil" : "2025-02-27T10:15:47.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Priya (sample)",
            "screen_name" : "priya_evals",
            "indices" : [
              "0",
              "12"
            ],
            "id_str" : "1600000000000000002",
            "id" : "1600000000000000002"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "139"
      ],
      "favorite_count" : "3",
      "in_reply_to_status_id_str" : "1894712340000000002",
      "id_str" : "1895040118289350656",
      "in_reply_to_user_id" : "1600000000000000002",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1895040118289350656",
      "in_reply_to_status_id" : "1894712340000000002",
      "created_at" : "Thu Feb 27 09:15:47 +0000 2025",
      "favorited" : false,
      "full_text" : "@priya_evals Same here. Tried it this morning and was blown away by the long-context recall, but it still can't count the r's in strawberry",
      "lang" : "en",
      "in_reply_to_screen_name" : "priya_evals",
      "in_reply_to_user_id_str" : "1600000000000000002"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1894836077982666752"
          ],
          "editableUntil" : "2025-02-26T20:45:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [
          {
            "url" : "https://t.co/NtLg8Rk2Zq",
            "expanded_url" : "https://x.com/dana_builds/status/1894836077982666752",
            "display_url" : "x.com/dana_builds/status/…",
            "indices" : [
              "268",
              "291"
            ]
          }
        ]
      },
      "display_text_range" : [
        "0",
        "291"
      ],
      "favorite_count" : "212",
      "id_str" : "1894836077982666752",
      "truncated" : false,
      "retweet_count" : "37",
      "id" : "1894836077982666752",
      "possibly_sensitive" : false,
      "created_at" : "Wed Feb 26 19:45:00 +0000 2025",
      "favorited" : false,
      "full_text" : "Long one, because 280 characters can't hold this.\n\nI spent a week running three frontier models on 400 of our real support tickets. The launch posts ranked them A &gt; B &gt; C. On our data: C resolved 62%, A 58%, B 55%.\n\nWhy? Our tickets are messy, multilingual &amp; full of… https://t.co/NtLg8Rk2Zq",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1894658658923470848"
          ],
          "editableUntil" : "2025-02-26T09:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
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
        "118"
      ],
      "favorite_count" : "55",
      "id_str" : "1894658658923470848",
      "truncated" : false,
      "retweet_count" : "9",
      "id" : "1894658658923470848",
      "created_at" : "Wed Feb 26 08:00:00 +0000 2025",
      "favorited" : false,
      "full_text" : "🧵 1/3 Spent the weekend testing three new open-weight models on my own eval set. Here is what held up and what didn't.",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1894658960913362944"
          ],
          "editableUntil" : "2025-02-26T09:01:12.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
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
      "favorite_count" : "20",
      "in_reply_to_status_id_str" : "1894658658923470848",
      "id_str" : "1894658960913362944",
      "in_reply_to_user_id" : "1523344556677889900",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1894658960913362944",
      "in_reply_to_status_id" : "1894658658923470848",
      "created_at" : "Wed Feb 26 08:01:12 +0000 2025",
      "favorited" : false,
      "full_text" : "2/3 Qwen3 was the surprise: 71% on my tasks vs 64% for the model that topped the leaderboard last week.",
      "lang" : "en",
      "in_reply_to_screen_name" : "dana_builds",
      "in_reply_to_user_id_str" : "1523344556677889900"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1894659288069079040"
          ],
          "editableUntil" : "2025-02-26T09:02:30.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [
          {
            "text" : "evals",
            "indices" : [
              "106",
              "112"
            ]
          }
        ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "112"
      ],
      "favorite_count" : "31",
      "in_reply_to_status_id_str" : "1894658960913362944",
      "id_str" : "1894659288069079040",
      "in_reply_to_user_id" : "1523344556677889900",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1894659288069079040",
      "in_reply_to_status_id" : "1894658960913362944",
      "created_at" : "Wed Feb 26 08:02:30 +0000 2025",
      "favorited" : false,
      "full_text" : "3/3 Takeaway: leaderboards measure leaderboards. Build your own 50-question eval. It takes one afternoon. #evals",
      "lang" : "en",
      "in_reply_to_screen_name" : "dana_builds",
      "in_reply_to_user_id_str" : "1523344556677889900"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1894356669035483136"
          ],
          "editableUntil" : "2025-02-25T13:00:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : false
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"https://mobile.twitter.com\" rel=\"nofollow\">Twitter Web App</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [
          {
            "name" : "Bench Watch (sample)",
            "screen_name" : "bench_watch",
            "indices" : [
              "3",
              "15"
            ],
            "id_str" : "1600000000000000003",
            "id" : "1600000000000000003"
          }
        ],
        "urls" : [ ]
      },
      "display_text_range" : [
        "0",
        "166"
      ],
      "favorite_count" : "0",
      "id_str" : "1894356669035483136",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1894356669035483136",
      "created_at" : "Tue Feb 25 12:00:00 +0000 2025",
      "favorited" : false,
      "full_text" : "RT @bench_watch: New SOTA: #1 on LMArena with 1452 Elo, ahead of every frontier model on hard prompts and coding. Full breakdown of the numbers and what they mean fo…",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1894074128135135232"
          ],
          "editableUntil" : "2025-02-24T18:17:17.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
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
        "121"
      ],
      "favorite_count" : "9",
      "id_str" : "1894074128135135232",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1894074128135135232",
      "created_at" : "Mon Feb 24 17:17:17 +0000 2025",
      "favorited" : false,
      "full_text" : "Honest question: does anyone trust self-reported benchmark numbers anymore? Who runs independent evals you actually read?",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1893926333445091328"
          ],
          "editableUntil" : "2025-02-24T08:30:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
      "retweeted" : false,
      "source" : "<a href=\"http://twitter.com/download/iphone\" rel=\"nofollow\">Twitter for iPhone</a>",
      "entities" : {
        "hashtags" : [ ],
        "symbols" : [ ],
        "user_mentions" : [ ],
        "urls" : [ ],
        "media" : [
          {
            "expanded_url" : "https://x.com/dana_builds/status/1893926333445091328/photo/1",
            "indices" : [
              "89",
              "112"
            ],
            "url" : "https://t.co/PhT0cOfF3e",
            "media_url" : "http://pbs.twimg.com/media/abc.jpg",
            "id_str" : "1893926333445091771",
            "id" : "1893926333445091771",
            "media_url_https" : "https://pbs.twimg.com/media/abc.jpg",
            "sizes" : {
              "large" : {
                "w" : "1536",
                "h" : "2048",
                "resize" : "fit"
              },
              "thumb" : {
                "w" : "150",
                "h" : "150",
                "resize" : "crop"
              }
            },
            "type" : "photo",
            "display_url" : "pic.x.com/PhT0cOfF3e"
          }
        ]
      },
      "display_text_range" : [
        "0",
        "88"
      ],
      "favorite_count" : "12",
      "id_str" : "1893926333445091328",
      "truncated" : false,
      "retweet_count" : "0",
      "id" : "1893926333445091328",
      "possibly_sensitive" : false,
      "created_at" : "Mon Feb 24 07:30:00 +0000 2025",
      "favorited" : false,
      "full_text" : "Coffee, rain, and a 3-hour flight delay. Good day to finally read that tokenizer paper ☕ https://t.co/PhT0cOfF3e",
      "lang" : "en",
      "extended_entities" : {
        "media" : [
          {
            "expanded_url" : "https://x.com/dana_builds/status/1893926333445091328/photo/1",
            "indices" : [
              "89",
              "112"
            ],
            "url" : "https://t.co/PhT0cOfF3e",
            "media_url" : "http://pbs.twimg.com/media/abc.jpg",
            "id_str" : "1893926333445091771",
            "id" : "1893926333445091771",
            "media_url_https" : "https://pbs.twimg.com/media/abc.jpg",
            "sizes" : {
              "large" : {
                "w" : "1536",
                "h" : "2048",
                "resize" : "fit"
              },
              "thumb" : {
                "w" : "150",
                "h" : "150",
                "resize" : "crop"
              }
            },
            "type" : "photo",
            "display_url" : "pic.x.com/PhT0cOfF3e",
            "media_key" : "3_1893926333445091771"
          }
        ]
      }
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1893678471050215424"
          ],
          "editableUntil" : "2025-02-23T16:05:05.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
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
        "105"
      ],
      "favorite_count" : "140",
      "id_str" : "1893678471050215424",
      "truncated" : false,
      "retweet_count" : "22",
      "id" : "1893678471050215424",
      "created_at" : "Sun Feb 23 15:05:05 +0000 2025",
      "favorited" : false,
      "full_text" : "ok this one is a game changer. asked it to refactor my &lt;div&gt; soup into components and it just... did it 🤯",
      "lang" : "en"
    }
  },
  {
    "tweet" : {
      "edit_info" : {
        "initial" : {
          "editTweetIds" : [
            "1889963974456299520"
          ],
          "editableUntil" : "2025-02-13T10:05:00.000Z",
          "editsRemaining" : "5",
          "isEditEligible" : true
        }
      },
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
        "108"
      ],
      "favorite_count" : "64",
      "id_str" : "1889963974456299520",
      "truncated" : false,
      "retweet_count" : "11",
      "id" : "1889963974456299520",
      "created_at" : "Thu Feb 13 09:05:00 +0000 2025",
      "favorited" : false,
      "full_text" : "Hot take: \"beats GPT-4o on 9 of 12 benchmarks\" means it loses on 3. Which 3? That's the post I want to read.",
      "lang" : "en"
    }
  }
]