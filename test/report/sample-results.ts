import type { Results } from '../../src/model.ts';

/**
 * A realistic results.json for tests, as the tally stage would write it: 44 synthetic respondents in
 * three segments (Public agencies below the minimum base of 5), survey weights, a parent theme with two
 * sub-themes, one significant segment difference (peer models, Fisher's exact test), a theme nobody
 * mentioned (undefined test, null Jaccard indexes), a label that tries to inject HTML, one Likert item,
 * one rejected row and one warning. The figures are internally consistent (Wilson intervals,
 * linearization weighted estimates, Fisher's exact tests with BH adjustment), made by a throwaway
 * script from invented respondents. Treat as read-only: use `structuredClone` before changing it.
 */
export const sampleResults: Results = 
{
  "schemaVersion": 1,
  "survey": {
    "id": "sample-2014",
    "title": "Stakeholder interviews, round 1",
    "round": "2014",
    "previous": null,
    "note": "Synthetic data: these respondents are invented to exercise the toolkit; no figure describes real people."
  },
  "confidence": 0.95,
  "ledger": {
    "rowsRead": 45,
    "rowsUsed": 44,
    "rowsRejected": 1,
    "rejected": [
      {
        "file": "fixtures/sample/responses.csv",
        "line": 17,
        "column": 2,
        "code": "FND203",
        "message": "unknown segment \"funderz\" (did you mean \"funder\"?)"
      }
    ]
  },
  "base": {
    "respondents": 44,
    "weighted": 46.59999999999999,
    "effective": 42.12122975463095
  },
  "segments": [
    {
      "id": "funder",
      "label": "Funders",
      "respondents": 20,
      "weighted": 25.9,
      "lowBase": false
    },
    {
      "id": "nonprofit",
      "label": "Nonprofits",
      "respondents": 20,
      "weighted": 17.5,
      "lowBase": false
    },
    {
      "id": "public",
      "label": "Public agencies",
      "respondents": 4,
      "weighted": 3.2,
      "lowBase": true
    }
  ],
  "themes": [
    {
      "code": "support",
      "label": "Support continuing",
      "parent": null,
      "color": "#1b9e77",
      "description": "Wants the collaborative to continue",
      "respondents": 40,
      "base": 44,
      "proportion": 0.9090909090909091,
      "ci": [
        0.7884076083340138,
        0.9640778067726837
      ],
      "weighted": {
        "proportion": 0.9184549356223175,
        "se": 0.0406231747320531,
        "ci": [
          0.7904577127723773,
          0.9711224328174101
        ]
      },
      "bySegment": [
        {
          "segment": "funder",
          "respondents": 19,
          "base": 20,
          "proportion": 0.95,
          "ci": [
            0.763868806553258,
            0.9911185511992047
          ],
          "lowBase": false,
          "weighted": {
            "proportion": 0.9498069498069498,
            "se": 0.05018795005076268,
            "ci": [
              0.6936698237991432,
              0.9937159192213576
            ]
          }
        },
        {
          "segment": "nonprofit",
          "respondents": 18,
          "base": 20,
          "proportion": 0.9,
          "ci": [
            0.6989663547715128,
            0.9721335187862319
          ],
          "lowBase": false,
          "weighted": {
            "proportion": 0.9028571428571428,
            "se": 0.06707323479219844,
            "ci": [
              0.6653252478452515,
              0.9775035968148729
            ]
          }
        },
        {
          "segment": "public",
          "respondents": 3,
          "base": 4,
          "proportion": 0.75,
          "ci": [
            0.30064184258240184,
            0.9544127391902995
          ],
          "lowBase": true,
          "weighted": {
            "proportion": 0.7500000000000001,
            "se": 0.25,
            "ci": [
              0.16934019627023014,
              0.9778503558994889
            ]
          }
        }
      ],
      "segmentTest": {
        "method": "fisher",
        "statistic": null,
        "df": null,
        "p": 0.398162812796959,
        "pAdjusted": 0.9786610103116062
      }
    },
    {
      "code": "structure",
      "label": "Project structure",
      "parent": null,
      "color": "#7570b3",
      "description": "How the collaborative is organised",
      "respondents": 23,
      "base": 44,
      "proportion": 0.5227272727272727,
      "ci": [
        0.3793546556062164,
        0.662450089677489
      ],
      "weighted": {
        "proportion": 0.5203862660944206,
        "se": 0.07790726348153312,
        "ci": [
          0.3663480302023004,
          0.6706434382804237
        ]
      },
      "bySegment": [
        {
          "segment": "funder",
          "respondents": 11,
          "base": 20,
          "proportion": 0.55,
          "ci": [
            0.34208534245034233,
            0.7418021417443759
          ],
          "lowBase": false,
          "weighted": {
            "proportion": 0.5328185328185328,
            "se": 0.11493245798859647,
            "ci": [
              0.31009354456188626,
              0.7431886767498257
            ]
          }
        },
        {
          "segment": "nonprofit",
          "respondents": 10,
          "base": 20,
          "proportion": 0.5,
          "ci": [
            0.2992980081982123,
            0.7007019918017877
          ],
          "lowBase": false,
          "weighted": {
            "proportion": 0.5057142857142857,
            "se": 0.11473221662557506,
            "ci": [
              0.2884793310731705,
              0.7208128730063507
            ]
          }
        },
        {
          "segment": "public",
          "respondents": 2,
          "base": 4,
          "proportion": 0.5,
          "ci": [
            0.15003898915214947,
            0.8499610108478506
          ],
          "lowBase": true,
          "weighted": {
            "proportion": 0.5,
            "se": 0.28867513459481287,
            "ci": [
              0.08877574442978886,
              0.911224255570211
            ]
          }
        }
      ],
      "segmentTest": {
        "method": "fisher",
        "statistic": null,
        "df": null,
        "p": 1,
        "pAdjusted": 1
      }
    },
    {
      "code": "structure-governance",
      "label": "Governance and decision-making",
      "parent": "structure",
      "color": null,
      "description": "Who decides, and how",
      "respondents": 13,
      "base": 44,
      "proportion": 0.29545454545454547,
      "ci": [
        0.1815552911850489,
        0.44220200126160236
      ],
      "weighted": {
        "proportion": 0.3057939914163091,
        "se": 0.07231070507267837,
        "ci": [
          0.18141251469811356,
          0.4668219554909828
        ]
      },
      "bySegment": [
        {
          "segment": "funder",
          "respondents": 8,
          "base": 20,
          "proportion": 0.4,
          "ci": [
            0.21880653237281705,
            0.6134184992377469
          ],
          "lowBase": false,
          "weighted": {
            "proportion": 0.3861003861003861,
            "se": 0.11117028836326794,
            "ci": [
              0.19629676043437919,
              0.6182517708920144
            ]
          }
        },
        {
          "segment": "nonprofit",
          "respondents": 4,
          "base": 20,
          "proportion": 0.2,
          "ci": [
            0.08065766257979806,
            0.41601743225189364
          ],
          "lowBase": false,
          "weighted": {
            "proportion": 0.19714285714285715,
            "se": 0.09080851968038026,
            "ci": [
              0.07167204950644836,
              0.43850981233009295
            ]
          }
        },
        {
          "segment": "public",
          "respondents": 1,
          "base": 4,
          "proportion": 0.25,
          "ci": [
            0.04558726080970055,
            0.6993581574175981
          ],
          "lowBase": true,
          "weighted": {
            "proportion": 0.25,
            "se": 0.25,
            "ci": [
              0.02214964410051118,
              0.8306598037297697
            ]
          }
        }
      ],
      "segmentTest": {
        "method": "fisher",
        "statistic": null,
        "df": null,
        "p": 0.4443881454658539,
        "pAdjusted": 0.9786610103116062
      }
    },
    {
      "code": "structure-roles",
      "label": "Roles of partners",
      "parent": "structure",
      "color": null,
      "description": "Who does what",
      "respondents": 13,
      "base": 44,
      "proportion": 0.29545454545454547,
      "ci": [
        0.1815552911850489,
        0.44220200126160236
      ],
      "weighted": {
        "proportion": 0.2854077253218886,
        "se": 0.06951542850252528,
        "ci": [
          0.1672598320050052,
          0.44265011892359063
        ]
      },
      "bySegment": [
        {
          "segment": "funder",
          "respondents": 5,
          "base": 20,
          "proportion": 0.25,
          "ci": [
            0.11186170140766569,
            0.468700877618744
          ],
          "lowBase": false,
          "weighted": {
            "proportion": 0.24324324324324328,
            "se": 0.09771559978917435,
            "ci": [
              0.09925511369918782,
              0.4838977614425038
            ]
          }
        },
        {
          "segment": "nonprofit",
          "respondents": 6,
          "base": 20,
          "proportion": 0.3,
          "ci": [
            0.1454772448676043,
            0.5189728183535235
          ],
          "lowBase": false,
          "weighted": {
            "proportion": 0.3085714285714286,
            "se": 0.10682209096395462,
            "ci": [
              0.13985211028610406,
              0.5505531342483396
            ]
          }
        },
        {
          "segment": "public",
          "respondents": 2,
          "base": 4,
          "proportion": 0.5,
          "ci": [
            0.15003898915214947,
            0.8499610108478506
          ],
          "lowBase": true,
          "weighted": {
            "proportion": 0.5,
            "se": 0.28867513459481287,
            "ci": [
              0.08877574442978886,
              0.911224255570211
            ]
          }
        }
      ],
      "segmentTest": {
        "method": "fisher",
        "statistic": null,
        "df": null,
        "p": 0.6990435787940045,
        "pAdjusted": 0.9786610103116062
      }
    },
    {
      "code": "peer",
      "label": "Peer models from other regions",
      "parent": null,
      "color": null,
      "description": "Mentions comparable collaboratives elsewhere",
      "respondents": 14,
      "base": 44,
      "proportion": 0.3181818181818182,
      "ci": [
        0.19999307710853426,
        0.46556896062182235
      ],
      "weighted": {
        "proportion": 0.37124463519313317,
        "se": 0.07742472254360473,
        "ci": [
          0.23222215470443058,
          0.5354513933826817
        ]
      },
      "bySegment": [
        {
          "segment": "funder",
          "respondents": 12,
          "base": 20,
          "proportion": 0.6,
          "ci": [
            0.3865815007622531,
            0.781193467627183
          ],
          "lowBase": false,
          "weighted": {
            "proportion": 0.6023166023166023,
            "se": 0.11238281803004717,
            "ci": [
              0.37026956395062394,
              0.7959732707753759
            ]
          }
        },
        {
          "segment": "nonprofit",
          "respondents": 1,
          "base": 20,
          "proportion": 0.05,
          "ci": [
            0.008881448800795402,
            0.23613119344674205
          ],
          "lowBase": false,
          "weighted": {
            "proportion": 0.05142857142857143,
            "se": 0.0513522834518304,
            "ci": [
              0.006447205389878077,
              0.3117638552891328
            ]
          }
        },
        {
          "segment": "public",
          "respondents": 1,
          "base": 4,
          "proportion": 0.25,
          "ci": [
            0.04558726080970055,
            0.6993581574175981
          ],
          "lowBase": true,
          "weighted": {
            "proportion": 0.25,
            "se": 0.25000000000000006,
            "ci": [
              0.02214964410051116,
              0.8306598037297699
            ]
          }
        }
      ],
      "segmentTest": {
        "method": "fisher",
        "statistic": null,
        "df": null,
        "p": 0.0002948690669401341,
        "pAdjusted": 0.002064083468580939
      }
    },
    {
      "code": "time",
      "label": "Time commitment of partners",
      "parent": null,
      "color": "#d95f02",
      "description": "Cost of participation in staff time",
      "respondents": 17,
      "base": 44,
      "proportion": 0.38636363636363635,
      "ci": [
        0.2572120275052556,
        0.5337642460762172
      ],
      "weighted": {
        "proportion": 0.3701716738197426,
        "se": 0.07462833964156668,
        "ci": [
          0.23558973235059916,
          0.5284821246725386
        ]
      },
      "bySegment": [
        {
          "segment": "funder",
          "respondents": 6,
          "base": 20,
          "proportion": 0.3,
          "ci": [
            0.1454772448676043,
            0.5189728183535235
          ],
          "lowBase": false,
          "weighted": {
            "proportion": 0.30115830115830117,
            "se": 0.10556834797476258,
            "ci": [
              0.1354780633790331,
              0.5423459511500589
            ]
          }
        },
        {
          "segment": "nonprofit",
          "respondents": 9,
          "base": 20,
          "proportion": 0.45,
          "ci": [
            0.2581978582556243,
            0.6579146575496577
          ],
          "lowBase": false,
          "weighted": {
            "proportion": 0.44857142857142857,
            "se": 0.11411218066529857,
            "ci": [
              0.24290767330152263,
              0.6734685472017107
            ]
          }
        },
        {
          "segment": "public",
          "respondents": 2,
          "base": 4,
          "proportion": 0.5,
          "ci": [
            0.15003898915214947,
            0.8499610108478506
          ],
          "lowBase": true,
          "weighted": {
            "proportion": 0.5,
            "se": 0.28867513459481287,
            "ci": [
              0.08877574442978886,
              0.911224255570211
            ]
          }
        }
      ],
      "segmentTest": {
        "method": "fisher",
        "statistic": null,
        "df": null,
        "p": 0.5850271815499443,
        "pAdjusted": 0.9786610103116062
      }
    },
    {
      "code": "odd",
      "label": "<script>alert(1)</script> & \"quotes\"",
      "parent": null,
      "color": null,
      "description": "A label to test escaping",
      "respondents": 3,
      "base": 44,
      "proportion": 0.06818181818181818,
      "ci": [
        0.023459395907381622,
        0.18225044370221527
      ],
      "weighted": {
        "proportion": 0.07296137339055796,
        "se": 0.04141213971160064,
        "ci": [
          0.02238318594794277,
          0.2129352502117466
        ]
      },
      "bySegment": [
        {
          "segment": "funder",
          "respondents": 2,
          "base": 20,
          "proportion": 0.1,
          "ci": [
            0.027866481213768224,
            0.3010336452284873
          ],
          "lowBase": false,
          "weighted": {
            "proportion": 0.09652509652509653,
            "se": 0.06675076840578249,
            "ci": [
              0.022312080083183663,
              0.3334041990637533
            ]
          }
        },
        {
          "segment": "nonprofit",
          "respondents": 1,
          "base": 20,
          "proportion": 0.05,
          "ci": [
            0.008881448800795402,
            0.23613119344674205
          ],
          "lowBase": false,
          "weighted": {
            "proportion": 0.05142857142857143,
            "se": 0.051352283451830405,
            "ci": [
              0.006447205389878077,
              0.3117638552891328
            ]
          }
        },
        {
          "segment": "public",
          "respondents": 0,
          "base": 4,
          "proportion": 0,
          "ci": [
            0,
            0.4898908364545973
          ],
          "lowBase": true,
          "weighted": {
            "proportion": 0,
            "se": 0,
            "ci": null
          }
        }
      ],
      "segmentTest": {
        "method": "fisher",
        "statistic": null,
        "df": null,
        "p": 0.9999999999999989,
        "pAdjusted": 1
      }
    },
    {
      "code": "funding",
      "label": "Sustainable funding",
      "parent": null,
      "color": null,
      "description": "Nobody raised it in this round",
      "respondents": 0,
      "base": 44,
      "proportion": 0,
      "ci": [
        0,
        0.08029560375848066
      ],
      "weighted": {
        "proportion": 0,
        "se": 0,
        "ci": null
      },
      "bySegment": [
        {
          "segment": "funder",
          "respondents": 0,
          "base": 20,
          "proportion": 0,
          "ci": [
            0,
            0.16112515805281938
          ],
          "lowBase": false,
          "weighted": {
            "proportion": 0,
            "se": 0,
            "ci": null
          }
        },
        {
          "segment": "nonprofit",
          "respondents": 0,
          "base": 20,
          "proportion": 0,
          "ci": [
            0,
            0.16112515805281938
          ],
          "lowBase": false,
          "weighted": {
            "proportion": 0,
            "se": 0,
            "ci": null
          }
        },
        {
          "segment": "public",
          "respondents": 0,
          "base": 4,
          "proportion": 0,
          "ci": [
            0,
            0.4898908364545973
          ],
          "lowBase": true,
          "weighted": {
            "proportion": 0,
            "se": 0,
            "ci": null
          }
        }
      ],
      "segmentTest": {
        "method": null,
        "statistic": null,
        "df": null,
        "p": null,
        "pAdjusted": null,
        "reason": "no respondent mentions the theme"
      }
    }
  ],
  "cooccurrence": [
    {
      "a": "support",
      "b": "structure",
      "respondents": 23,
      "jaccard": 0.575
    },
    {
      "a": "support",
      "b": "structure-governance",
      "respondents": 13,
      "jaccard": 0.325
    },
    {
      "a": "support",
      "b": "structure-roles",
      "respondents": 13,
      "jaccard": 0.325
    },
    {
      "a": "support",
      "b": "peer",
      "respondents": 12,
      "jaccard": 0.2857142857142857
    },
    {
      "a": "support",
      "b": "time",
      "respondents": 15,
      "jaccard": 0.35714285714285715
    },
    {
      "a": "support",
      "b": "odd",
      "respondents": 3,
      "jaccard": 0.075
    },
    {
      "a": "support",
      "b": "funding",
      "respondents": 0,
      "jaccard": 0
    },
    {
      "a": "structure",
      "b": "structure-governance",
      "respondents": 13,
      "jaccard": 0.5652173913043478
    },
    {
      "a": "structure",
      "b": "structure-roles",
      "respondents": 13,
      "jaccard": 0.5652173913043478
    },
    {
      "a": "structure",
      "b": "peer",
      "respondents": 6,
      "jaccard": 0.1935483870967742
    },
    {
      "a": "structure",
      "b": "time",
      "respondents": 10,
      "jaccard": 0.3333333333333333
    },
    {
      "a": "structure",
      "b": "odd",
      "respondents": 3,
      "jaccard": 0.13043478260869565
    },
    {
      "a": "structure",
      "b": "funding",
      "respondents": 0,
      "jaccard": 0
    },
    {
      "a": "structure-governance",
      "b": "structure-roles",
      "respondents": 6,
      "jaccard": 0.3
    },
    {
      "a": "structure-governance",
      "b": "peer",
      "respondents": 5,
      "jaccard": 0.22727272727272727
    },
    {
      "a": "structure-governance",
      "b": "time",
      "respondents": 6,
      "jaccard": 0.25
    },
    {
      "a": "structure-governance",
      "b": "odd",
      "respondents": 2,
      "jaccard": 0.14285714285714285
    },
    {
      "a": "structure-governance",
      "b": "funding",
      "respondents": 0,
      "jaccard": 0
    },
    {
      "a": "structure-roles",
      "b": "peer",
      "respondents": 1,
      "jaccard": 0.038461538461538464
    },
    {
      "a": "structure-roles",
      "b": "time",
      "respondents": 6,
      "jaccard": 0.25
    },
    {
      "a": "structure-roles",
      "b": "odd",
      "respondents": 2,
      "jaccard": 0.14285714285714285
    },
    {
      "a": "structure-roles",
      "b": "funding",
      "respondents": 0,
      "jaccard": 0
    },
    {
      "a": "peer",
      "b": "time",
      "respondents": 6,
      "jaccard": 0.24
    },
    {
      "a": "peer",
      "b": "odd",
      "respondents": 0,
      "jaccard": 0
    },
    {
      "a": "peer",
      "b": "funding",
      "respondents": 0,
      "jaccard": 0
    },
    {
      "a": "time",
      "b": "odd",
      "respondents": 2,
      "jaccard": 0.1111111111111111
    },
    {
      "a": "time",
      "b": "funding",
      "respondents": 0,
      "jaccard": 0
    },
    {
      "a": "odd",
      "b": "funding",
      "respondents": 0,
      "jaccard": 0
    }
  ],
  "questions": [
    {
      "id": "continue",
      "label": "LA n Sync should continue",
      "base": 41,
      "missing": 3,
      "counts": {
        "1": 1,
        "2": 2,
        "3": 5,
        "4": 12,
        "5": 21
      },
      "levels": [
        {
          "level": 1,
          "label": "Strongly disagree"
        },
        {
          "level": 2,
          "label": "Disagree"
        },
        {
          "level": 3,
          "label": "Neither"
        },
        {
          "level": 4,
          "label": "Agree"
        },
        {
          "level": 5,
          "label": "Strongly agree"
        }
      ],
      "mean": 4.219512195121951,
      "median": 5,
      "sd": 1.0127239288658882,
      "topBox": {
        "respondents": 33,
        "proportion": 0.8048780487804879,
        "ci": [
          0.6598641481293658,
          0.8976556261484198
        ],
        "levels": [
          4,
          5
        ]
      },
      "weighted": {
        "mean": 4.234822451317298,
        "se": 0.15352950382565583
      },
      "bySegment": [
        {
          "segment": "funder",
          "base": 19,
          "missing": 1,
          "mean": 4.315789473684211,
          "topBox": {
            "respondents": 16,
            "proportion": 0.8421052631578947,
            "ci": [
              0.6243452472967093,
              0.9447952836146585
            ]
          },
          "lowBase": false,
          "counts": {
            "1": 0,
            "2": 1,
            "3": 2,
            "4": 6,
            "5": 10
          }
        },
        {
          "segment": "nonprofit",
          "base": 19,
          "missing": 1,
          "mean": 4.052631578947368,
          "topBox": {
            "respondents": 14,
            "proportion": 0.7368421052631579,
            "ci": [
              0.5120844910218489,
              0.8819358765321748
            ]
          },
          "lowBase": false,
          "counts": {
            "1": 1,
            "2": 1,
            "3": 3,
            "4": 5,
            "5": 9
          }
        },
        {
          "segment": "public",
          "base": 3,
          "missing": 1,
          "mean": 4.666666666666667,
          "topBox": {
            "respondents": 3,
            "proportion": 1,
            "ci": [
              0.4385029682449546,
              1
            ]
          },
          "lowBase": true,
          "counts": {
            "1": 0,
            "2": 0,
            "3": 0,
            "4": 1,
            "5": 2
          }
        }
      ]
    }
  ],
  "reliability": null,
  "change": null,
  "settings": {
    "minBase": 5,
    "alpha": 0.05,
    "weighted": true,
    "separator": ";"
  },
  "inputs": [],
  "warnings": [
    {
      "file": "fixtures/sample/responses.csv",
      "line": 9,
      "column": 4,
      "code": "FND301",
      "message": "empty themes cell: the respondent mentions no theme"
    }
  ]
};
