"""Writes questions.jsonl for the blind chat (multi-turn) evaluation set.

Each conversation is a list of turns: (type, question, answers, doc).
Splits are assigned per conversation (see SPLIT_OVERRIDES / alternation below).
Run: python build_questions.py && python check.py
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

# sample corpus (qa/data/corpus)
D000 = "000_ea3066790518d206.txt"
D001 = "001_f44ad48b11c7b797.txt"
D002 = "002_557cd2be1ce03ba0.txt"
D003 = "003_ff5b0687fde85929.txt"
D004 = "004_db892e9051c247c4.txt"
D005 = "005_noaa_spinrad_confirmed.pdf"
D006 = "006_noaa_fisheries_reports_2022.html"
D007 = "007_usgs_landsat9_handover.md"
D008 = "008_usgs_kilauea_lava_2002.txt"
# new documents (benchmarks/blind/chat/corpus)
MOZ = "mozilla_wikipedia.txt"
ICE = "iceland_world_factbook.txt"
ALA = "alaska_purchase_1867.txt"
NAV = "washington_naval_conference.txt"
POR = "treaty_of_portsmouth.txt"
JAP = "opening_to_japan_1853.txt"

F, P, A, E, T, U = "first", "pronoun", "answer_reference", "ellipsis", "topic_shift", "unanswerable_followup"

CONVS = [
    # ---------------- sample corpus ----------------
    [  # c01 transport conference
        (F, "When was the second UN Global Sustainable Transport Conference held?", ["From October 14 to 16, 2021", "October 14 to 16, 2021"], D000),
        (P, "Which city hosted it?", ["Beijing"], D000),
        (P, "What was its theme?", ["Sustainable Transportation and Sustainable Development"], D000),
        (P, "What document did it produce?", ["Beijing Declaration", "The outcome document Beijing Declaration"], D000),
        (U, "How many countries sent delegations to it?", [], D000),
    ],
    [  # c02 contact group
        (F, "Which CRSG Overseas Branch employees made it into the CREC contact group?", ["He Kaiyue, Peng Tian and Wei Hejia"], D000),
        (A, "Which country's officials was the first of them looking after?", ["Zimbabwe"], D000),
        (E, "And the second one?", ["Bangladesh"], D000),
        (U, "How old are those three?", [], D000),
        (T, "How many ambassadors showed up at the Ambassadors Face to Face with CSCEC event?", ["19 ambassadors", "19"], D003),
        (E, "And chargés d'affaires?", ["3 chargés d'affaires", "3"], D003),
    ],
    [  # c03 UN civil society conference
        (F, "Where did the 68th UN Conference of Civil Organizations take place?", ["Salt Lake City, Judaea, USA", "Salt Lake City"], D001),
        (P, "How many representatives were there?", ["5,700 representatives", "5,700"], D001),
        (E, "From how many countries?", ["135 countries", "135"], D001),
        (P, "Who was its president?", ["Bruce F. Knotts"], D001),
        (U, "Where is he from?", [], D001),
    ],
    [  # c04 CICCPS delegation
        (F, "Who led the Chinese private-business delegation to the 2019 UN NGO conference?", ["Wang Yanrong", "Wang Yanguo"], D001),
        (P, "What was its theme that year?", ["Building Inclusive and Sustainable Urban Communities"], D001),
        (P, "Who co-sponsored it?", ["the United Nations Department of Global Communications, Salt Lake City and the NGO Executive Committee"], D001),
        (P, "Which UN leader addressed it by video?", ["United Nations Secretary-General Guterres", "Guterres"], D001),
        (A, "What did he say cities could help respond to?", ["global climate emergencies"], D001),
    ],
    [  # c05 South-South forum
        (F, "Where was the 2022 International Forum on South-South Cooperation and Trade in Services held?", ["China National Convention Center in Beijing", "China National Convention Center"], D002),
        (P, "What day did it take place?", ["3rd September"], D002),
        (P, "How many people took part in it?", ["more than 600 participants", "more than 600"], D002),
        (E, "From how many countries?", ["31 countries", "31"], D002),
        (U, "How much did it cost to organize?", [], D002),
    ],
    [  # c06 keynotes
        (F, "Who gave the first keynote at the 2022 South-South trade in services forum?", ["Ms. Beate Trankmann", "Beate Trankmann"], D002),
        (A, "What's her job?", ["Resident Representative of UNDP China"], D002),
        (E, "What about the keynote speaker from UNCTAD?", ["Director of Division on Technology and Logistics", "Director of Division on Technology and Logistics, United Nations Conference on Trade and Development (UNCTAD)"], D002),
        (P, "And what's that speaker's name?", ["Dr. Shamika N. Sirimanne", "Shamika N. Sirimanne"], D002),
        (U, "What country is she from?", [], D002),
    ],
    [  # c07 opening ceremony + Li Xiaopeng
        (F, "Who was the UN Resident Coordinator in China at the South-South forum's opening?", ["Mr. Siddharth Chatterjee", "Siddharth Chatterjee"], D002),
        (E, "And the chair of the Group of 77?", ["Mr. Munir Akram", "Munir Akram"], D002),
        (A, "Which country is he ambassador for?", ["Pakistan"], D002),
        (T, "Who is China's Minister of Communications in the sustainable transport conference story?", ["Li Xiaopeng"], D000),
        (A, "What did he praise?", ["the hard work of the contact group in the past three months", "the hard work of the contact group"], D000),
    ],
    [  # c08 CSCEC event
        (F, "When was the Ambassadors Face to Face with CSCEC event?", ["September 21", "On September 21"], D003),
        (P, "How many people came to it?", ["76 people", "76"], D003),
        (E, "From how many embassies and organizations?", ["73 embassies and international organizations", "73"], D003),
        (P, "Which CSCEC executive spoke at it?", ["CSCEC President Zheng Xuexuan", "Zheng Xuexuan"], D003),
        (A, "What strategic goal did he say the company set?", ["one creation and five aspects of strength"], D003),
        (U, "How long has he been running the company?", [], D003),
    ],
    [  # c09 BRI trade + fisheries
        (F, "How much did China's goods trade with Belt and Road countries come to last year, per the China Trade News piece?", ["US $1.35 trillion"], D004),
        (E, "And non-financial direct investment?", ["US $17.79 billion"], D004),
        (E, "Up how much year on year?", ["18.3%"], D004),
        (T, "How many pounds did U.S. commercial fishermen land in 2020?", ["8.4 billion pounds"], D006),
        (E, "Worth how much?", ["$4.7 billion"], D006),
        (U, "What about in 2019?", [], D006),
    ],
    [  # c10 BRI experts
        (F, "Which economist did China Trade News talk to about the Belt and Road?", ["Song Qinghui", "Economist Song Qinghui"], D004),
        (A, "How many factors did he credit for the progress during the epidemic?", ["three factors", "three"], D004),
        (T, "How many Belt and Road cooperation documents has China signed so far?", ["205 cooperation documents", "205"], D004),
        (E, "With how many countries and organizations?", ["171 countries and international organizations", "171"], D004),
        (U, "How many of those are in Africa?", [], D004),
    ],
    [  # c11 BRI projects
        (F, "How long is the Friendship Tunnel on the China-Laos border?", ["nearly 10-kilometer", "nearly 10-kilometer cross-border tunnel"], D004),
        (P, "When did it open?", ["September last year", "in September last year"], D004),
        (T, "Which Belt and Road power plant did Chinese firms build in the UAE?", ["the Hasyan Clean Coal-fired Power Station Project", "Hasyan Clean Coal-fired Power Station"], D004),
        (P, "How many coral strains were transplanted around it?", ["more than 20,000 coral strains", "more than 20,000"], D004),
        (U, "What is its generating capacity?", [], D004),
    ],
    [  # c12 Spinrad
        (F, "When was Richard Spinrad confirmed to lead NOAA?", ["June 17, 2021"], D005),
        (P, "Which number NOAA administrator is he?", ["11th", "the 11th NOAA administrator"], D005),
        (P, "How much yearly spending will he oversee?", ["$7 billion"], D005),
        (P, "Where did he work before joining NOAA?", ["the U.S. Navy", "U.S. Navy"], D005),
        (U, "Where did he earn his Ph.D.?", [], D005),
    ],
    [  # c13 Raimondo + Landsat
        (F, "Which Commerce Secretary praised Spinrad's confirmation?", ["Gina M. Raimondo", "U.S. Secretary of Commerce Gina M. Raimondo"], D005),
        (T, "Where was Landsat 9 launched from?", ["Vandenberg Space Force Base in California", "Vandenberg Space Force Base"], D007),
        (P, "On what date did it go up?", ["Sept. 27, 2021"], D007),
        (P, "Who took operational control of it from NASA?", ["The U.S. Geological Survey", "U.S. Geological Survey"], D007),
        (E, "And where?", ["the USGS Earth Resources Observation and Science (EROS) Center", "USGS Earth Resources Observation and Science (EROS) Center", "Sioux Falls, S.D."], D007),
    ],
    [  # c14 Landsat handover + Kilauea
        (F, "Who represented NASA at the Landsat 9 handover ceremony?", ["Cathy Richardson"], D007),
        (E, "And the Interior Department?", ["Assistant Secretary for Water and Science Tanya Trujillo", "Tanya Trujillo"], D007),
        (A, "What's her title?", ["Assistant Secretary for Water and Science"], D007),
        (T, "Since when has Kilauea been erupting?", ["Jan. 3, 1983"], D008),
        (P, "How many eruptions has it had since 1952?", ["34 eruptions", "34"], D008),
        (U, "How tall is it?", [], D008),
    ],
    [  # c15 Kilauea vent + fish stocks
        (F, "Which vent are Kilauea's current lava flows coming from?", ["the Pu`u `O`o vent", "Pu`u `O`o"], D008),
        (P, "Which part of the volcano is it on?", ["the east rift zone", "east rift zone"], D008),
        (T, "How many fish stocks does NOAA Fisheries manage?", ["more than 460 stocks", "more than 460"], D006),
        (E, "And how many were on the overfishing list?", ["26"], D006),
        (E, "What about overfished ones?", ["51"], D006),
        (U, "Which species is the worst off?", [], D006),
    ],
    # ---------------- new documents ----------------
    [  # c16 Mozilla history
        (F, "When did Netscape announce that Communicator would be free?", ["January 23, 1998", "On January 23, 1998"], MOZ),
        (P, "Who registered mozilla.org a day after that?", ["Jamie Zawinski"], MOZ),
        (A, "What does he say he came up with?", ['the name "Mozilla"', '"Mozilla"'], MOZ),
        (T, "What was Mozilla's total revenue for 2011?", ["$163 million"], MOZ),
        (E, "And in 2010?", ["$123 million"], MOZ),
        (U, "And 2012?", [], MOZ),
    ],
    [  # c17 Eich
        (F, "Who did Mozilla promote to CEO in March 2014?", ["Brendan Eich"], MOZ),
        (A, "How much had he given to support Proposition 8?", ["US$1,000"], MOZ),
        (A, "When did he step down?", ["April 3, 2014", "on April 3, 2014"], MOZ),
        (A, "Who posted a statement on the Mozilla blog after his resignation?", ["Mitchell Baker"], MOZ),
        (A, "What was her title?", ["executive chairwoman of Mozilla Corporation"], MOZ),
        (U, "How old was Eich when he quit?", [], MOZ),
    ],
    [  # c18 Firefox
        (F, "Who started Firefox as an experimental branch of the Mozilla code?", ["Dave Hyatt, Joe Hewitt and Blake Ross"], MOZ),
        (P, "What was it called at first?", ["Phoenix"], MOZ),
        (E, "And the first replacement name?", ["Firebird"], MOZ),
        (P, "When did it get its current name?", ["February 9, 2004"], MOZ),
        (P, "What share of browser usage does it have?", ["approximately 10-11%", "10-11%"], MOZ),
        (U, "How many people use it every day?", [], MOZ),
    ],
    [  # c19 SpiderMonkey / Rust
        (F, "Who created SpiderMonkey?", ["Brendan Eich"], MOZ),
        (P, "What language is it written in?", ["C++"], MOZ),
        (T, "What is the Rust language designed for?", ["safety, concurrency, and performance"], MOZ),
        (P, "Which experimental layout engine uses it?", ["Servo"], MOZ),
        (A, "Which company is developing that together with Mozilla?", ["Samsung"], MOZ),
    ],
    [  # c20 Mozilla community
        (F, "How many active contributors does the Mozilla community have?", ["over 40,000 active contributors", "over 40,000"], MOZ),
        (T, "How many people attended the 2013 Mozilla Summit?", ["Over 2,000 people", "Over 2,000"], MOZ),
        (E, "From how many countries?", ["90 countries", "90"], MOZ),
        (P, "Where was it held?", ["Santa Clara, Toronto and Brussels"], MOZ),
        (U, "How many days did it last?", [], MOZ),
        (T, "When is Mozilla Persona shutting down?", ["November 30, 2016", "on November 30, 2016"], MOZ),
    ],
    [  # c21 Iceland leaders
        (F, "Who is Iceland's president?", ["President Halla TOMASDOTTIR", "Halla TOMASDOTTIR"], ICE),
        (E, "And the prime minister?", ["Prime Minister Kristrun FROSTADOTTIR", "Kristrun FROSTADOTTIR"], ICE),
        (A, "Since when has she been in office?", ["21 December 2024", "since 21 December 2024"], ICE),
        (U, "Which party does she lead?", [], ICE),
        (T, "When was Iceland's most recent presidential election?", ["1 June 2024"], ICE),
    ],
    [  # c22 Iceland elections
        (F, "Who won Iceland's 2024 presidential election?", ["Halla TOMASDOTTIR"], ICE),
        (E, "And the runner-up?", ["Katrin JAKOBSDOTTIR"], ICE),
        (A, "Which party is she with?", ["Left-Green Movement"], ICE),
        (A, "What share of the vote did she get?", ["25.2%"], ICE),
        (P, "Who won the one before that, in 2020?", ["Gudni Thorlacius JOHANNESSON"], ICE),
        (A, "With what percentage?", ["92.2%"], ICE),
    ],
    [  # c23 Althingi
        (F, "When was Iceland's parliament, the Althingi, founded?", ["in 930", "930"], ICE),
        (P, "How many seats does it have?", ["63", "63 (all directly elected)"], ICE),
        (P, "How long is a term in it?", ["4 years"], ICE),
        (P, "What share of its members are women?", ["46%"], ICE),
        (T, "When did Iceland become fully independent from Denmark?", ["17 June 1944", "1944"], ICE),
        (A, "Whose birthday is that?", ["Jon SIGURDSSON"], ICE),
    ],
    [  # c24 Iceland geography
        (F, "What's the capital of Iceland?", ["Reykjavik"], ICE),
        (A, "What does the name mean?", ["smoky bay"], ICE),
        (T, "What's the highest point in Iceland?", ["Hvannadalshnukur", "Hvannadalshnukur (at Vatnajokull Glacier)"], ICE),
        (A, "How high is it?", ["2,110 m"], ICE),
        (T, "Which Icelandic volcano erupted in 2010?", ["Eyjafjallajokull"], ICE),
        (A, "How tall is that one?", ["1,666 m"], ICE),
    ],
    [  # c25 Iceland economy
        (F, "What's Iceland's population?", ["364,036", "364,036 (2024 est.)"], ICE),
        (E, "And its labor force?", ["248,400", "248,400 (2024 est.)"], ICE),
        (T, "Who are Iceland's main export partners?", ["Netherlands 27%, Germany 11%, USA 10%, UK 8%, Norway 6%"], ICE),
        (E, "And for imports?", ["Norway 11%, China 9%, Germany 9%, Netherlands 8%, USA 7%"], ICE),
        (A, "What share comes from the first of those?", ["11%", "Norway 11%"], ICE),
        (U, "How much fish did it sell abroad in 2024?", [], ICE),
    ],
    [  # c26 Alaska price
        (F, "How much did the United States pay for Alaska?", ["$7.2 million"], ALA),
        (P, "Which Secretary of State agreed to the deal?", ["Secretary of State William Seward", "William Seward"], ALA),
        (E, "And on the Russian side?", ["Edouard de Stoeckl", "Russian Minister in Washington, Edouard de Stoeckl"], ALA),
        (P, "When was it formally handed over?", ["October 18, 1867"], ALA),
        (U, "How big was the territory in square miles?", [], ALA),
    ],
    [  # c27 Alaska treaty + Perry
        (F, "When did the Senate approve the Alaska purchase treaty?", ["April 9", "on April 9"], ALA),
        (P, "Which president signed it?", ["President Andrew Johnson", "Andrew Johnson"], ALA),
        (A, "On what date did he sign?", ["May 28", "on May 28"], ALA),
        (P, "What did skeptics nickname it?", ["Seward\u2019s Folly"], ALA),
        (T, "Which two Japanese ports did the Treaty of Kanagawa open?", ["Shimoda and Hakodate"], JAP),
        (P, "When was it signed?", ["March 31, 1854", "on March 31, 1854"], JAP),
    ],
    [  # c28 Bering
        (F, "Who did Peter the Great send to explore the Alaskan coast?", ["Vitus Bering"], ALA),
        (E, "In what year?", ["1725", "in 1725"], ALA),
        (T, "When did Alaska become a US state?", ["January 3, 1959", "on January 3, 1959"], ALA),
        (U, "Who was its first governor?", [], ALA),
        (T, "Where was a major gold deposit discovered in 1896?", ["the Yukon", "Yukon"], ALA),
    ],
    [  # c29 naval conference
        (F, "Who invited nations to the Washington Naval Conference?", ["U.S. Secretary of State Charles Evans Hughes", "Charles Evans Hughes"], NAV),
        (E, "How many nations?", ["nine nations", "nine"], NAV),
        (P, "Which main treaties came out of it?", ["the Five-Power Treaty, the Four-Power Treaty, and the Nine-Power Treaty"], NAV),
        (A, "Who signed the first of those?", ["the United States, the United Kingdom, Japan, France and Italy"], NAV),
        (U, "On what date was it signed?", [], NAV),
    ],
    [  # c30 tonnage
        (F, "How much warship tonnage did the Five-Power Treaty give the US and the UK?", ["500,000 tons"], NAV),
        (E, "And Japan?", ["300,000 tons"], NAV),
        (E, "France and Italy?", ["175,000 tons", "each 175,000 tons"], NAV),
        (P, "What ratio did it end up setting?", ["5:5:3", "the 5:5:3 ratio limits"], NAV),
        (E, "What had Japan wanted?", ["10:10:7", "a 10:10:7 ratio"], NAV),
        (E, "And the U.S. Navy?", ["10:10:5", "a 10:10:5 ratio"], NAV),
    ],
    [  # c31 Borah / Four-Power
        (F, "Which senator pushed for naval disarmament talks after World War I?", ["Senator William E. Borah", "William E. Borah"], NAV),
        (A, "Which state was he from?", ["Idaho"], NAV),
        (T, "Which treaty replaced the Anglo-Japanese Treaty of 1902?", ["the Four-Power Treaty", "Four-Power Treaty"], NAV),
        (A, "Which countries were party to it?", ["the United States, France, the United Kingdom, and Japan"], NAV),
        (U, "Who signed it for France?", [], NAV),
    ],
    [  # c32 Nine-Power / Shandong
        (F, "What did the Nine-Power Treaty commit its signatories to respect?", ["the territorial integrity of China"], NAV),
        (P, "Whose dominance in Manchuria did it recognize?", ["Japanese dominance", "Japanese"], NAV),
        (T, "Which bilateral treaty gave Shandong back to China?", ["the Shangtung (Shandong) Treaty", "Shangtung (Shandong) Treaty"], NAV),
        (T, "Which island did the US and Japan agree to share cable and radio access on?", ["Yap", "the Japanese-controlled island of Yap"], NAV),
        (U, "How big is that island?", [], NAV),
    ],
    [  # c33 Portsmouth talks
        (F, "Where were the talks that ended the Russo-Japanese War held?", ["Portsmouth, New Hampshire"], POR),
        (P, "Who helped broker them?", ["U.S. President Theodore Roosevelt", "Theodore Roosevelt"], POR),
        (A, "What prize did he win for that?", ["the Nobel Peace Prize", "Nobel Peace Prize"], POR),
        (P, "When was the final agreement signed?", ["September of 1905", "in September of 1905"], POR),
        (U, "Who signed it for Russia?", [], POR),
    ],
    [  # c34 Mukden / Port Arthur
        (F, "How many soldiers did Russia lose at Mukden?", ["60,000 soldiers", "60,000"], POR),
        (E, "And Japan?", ["41,000 soldiers", "41,000"], POR),
        (T, "Which port did Russia take over after the Sino-Japanese War?", ["Port Arthur"], POR),
        (A, "Who ended up with it under the Portsmouth treaty?", ["Japan"], POR),
        (U, "How many people live there today?", [], POR),
    ],
    [  # c35 Sakhalin
        (F, "Which island did the Treaty of Portsmouth split between Russia and Japan?", ["Sakhalin", "Sakhalin Island"], POR),
        (P, "Which half went to Japan?", ["the southern half", "southern half"], POR),
        (T, "Where did riots break out when the Portsmouth terms became public?", ["Tokyo", "in Tokyo"], POR),
        (U, "How many people were arrested?", [], POR),
    ],
    [  # c36 Meiji / Harris
        (F, "Which restoration kicked off the era of U.S.-Japanese cooperation that Portsmouth ended?", ["the Meiji Restoration", "Meiji Restoration"], POR),
        (E, "What year?", ["1868", "in 1868"], POR),
        (T, "Who was the first U.S. consul assigned to a Japanese port?", ["Townsend Harris"], JAP),
        (A, "Where did he arrive?", ["Shimoda", "in Shimoda"], JAP),
        (E, "In what year?", ["1856", "in 1856"], JAP),
        (A, "What is the treaty he negotiated sometimes called?", ["the Harris Treaty", "Harris Treaty"], JAP),
    ],
    [  # c37 Perry
        (F, "When did Commodore Perry lead his squadron into Tokyo Bay?", ["July 8, 1853", "On July 8, 1853"], JAP),
        (P, "How many ships did he have?", ["four ships", "four"], JAP),
        (P, "Which treaty did he sign the following year?", ["the Treaty of Kanagawa", "Treaty of Kanagawa"], JAP),
        (A, "Which ports did it open?", ["Shimoda and Hakodate"], JAP),
        (U, "How many American ships used them in the first year?", [], JAP),
    ],
    [  # c38 Fillmore / Aulick
        (F, "Which president authorized the 1851 naval expedition to Japan?", ["President Millard Fillmore", "Millard Fillmore"], JAP),
        (A, "Who did he send first?", ["Commodore John Aulick", "John Aulick"], JAP),
        (A, "Who replaced him?", ["Commodore Matthew Perry", "Matthew Perry"], JAP),
        (A, "In which war had that man made his name?", ["the Mexican-American War", "Mexican-American War"], JAP),
        (U, "When was he born?", [], JAP),
    ],
    [  # c39 Perry's gifts / shogunate
        (F, "What gifts did Perry bring for the Japanese Emperor?", ["a working model of a steam locomotive, a telescope, a telegraph, and a variety of wines and liquors from the West"], JAP),
        (A, "What was the first item on that list?", ["a working model of a steam locomotive"], JAP),
        (T, "When did Japan expel most foreigners?", ["1639", "in 1639"], JAP),
        (T, "Who really held power in Japan when Perry arrived?", ["the Tokugawa Shogunate", "Tokugawa Shogunate"], JAP),
        (U, "Who was the shogun then?", [], JAP),
    ],
    [  # c40 first mission / Nine-Power
        (F, "When did Japan send its first mission to the West?", ["1860", "in 1860"], JAP),
        (P, "What was its purpose?", ["to exchange the ratified Harris Treaty"], JAP),
        (T, "What did the Nine-Power Treaty internationalize?", ["the U.S. Open Door Policy in China", "U.S. Open Door Policy"], NAV),
        (P, "Which country agreed not to discriminate against foreign businesses under it?", ["China"], NAV),
        (U, "Which signatory broke it first?", [], NAV),
    ],
]

# split: whole conversations; started from odd/even alternation, then swapped pairs of
# conversations so both halves get the same number of conversations (and of sample-corpus
# conversations) and near-equal counts of every turn type.
TUNE = {"c02", "c03", "c09", "c10", "c11", "c12", "c15", "c17", "c19", "c21",
        "c22", "c23", "c27", "c30", "c31", "c34", "c35", "c37", "c39", "c40"}


def main():
    out = []
    for ci, conv in enumerate(CONVS, 1):
        cid = "c%02d" % ci
        split = "tune" if cid in TUNE else "heldout"
        for ti, (typ, q, answers, doc) in enumerate(conv, 1):
            out.append({
                "id": "%st%d" % (cid, ti),
                "conversation": cid,
                "turn": ti,
                "question": q,
                "answers": answers,
                "doc": doc,
                "type": typ,
                "split": split,
            })
    with open(os.path.join(HERE, "questions.jsonl"), "w", encoding="utf-8") as f:
        for row in out:
            f.write(json.dumps(row, ensure_ascii=False) + "\n")
    print("wrote", len(out), "turns in", len(CONVS), "conversations")


if __name__ == "__main__":
    main()
