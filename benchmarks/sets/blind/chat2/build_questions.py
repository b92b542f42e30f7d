"""Writes questions.jsonl for the blind chat2 set. Standard library only.

Each conversation: (default doc, [turn, ...]); a turn is (type, question, answers[, doc]).
A turn's doc defaults to the doc of the turn before it (so a topic shift to another
document carries over to the turns after it).
"""
import json
import os

B = "berlin_airlift_1948_1949.txt"
I = "iaea_wikipedia.txt"
M = "henry_moseley_wikipedia.txt"
F = "fair_isle_wikipedia.txt"
C = "nasa_cloudsat_ends_mission.txt"
S = "iss_annual_highlights_2023_intro.txt"
S000 = "000_ea3066790518d206.txt"
S002 = "002_557cd2be1ce03ba0.txt"
S004 = "004_db892e9051c247c4.txt"
S006 = "006_noaa_fisheries_reports_2022.html"
S007 = "007_usgs_landsat9_handover.md"
S008 = "008_usgs_kilauea_lava_2002.txt"

CONVS = [
    # ---- Berlin Airlift ----
    (B, [
        ("first", "When did the Soviets start blockading West Berlin?", ["June 24, 1948"]),
        ("pronoun", "When did they lift it?", ["May 11, 1949", "May 12, 1949"]),
        ("topic_shift", "What was the American airlift operation called?", ["Operation Vittles"]),
        ("ellipsis", "And the British one?", ["Operation Plainfare"]),
        ("answer_reference", "When did that one start?", ["two days later"]),
        ("unanswerable_followup", "How many tons of supplies did the airlift deliver in total?", []),
    ]),
    (B, [
        ("first", "Who was the administrator of U.S.-occupied Germany in 1948?", ["General Lucius Clay", "Lucius Clay"]),
        ("answer_reference", "On what date did he report to Washington about Berlin?", ["June 13, 1948"]),
        ("topic_shift", "What new currency did the Americans and British introduce in West Berlin?", ["the new Deutschmark", "Deutschmark"]),
        ("ellipsis", "And the Soviets?", ["the Ostmark", "Ostmark"]),
        ("unanswerable_followup", "What was its exchange rate against the Deutschmark?", []),
        ("topic_shift", "How many West Berliners gathered at the Reichstag to oppose Soviet domination?", ["300,000"]),
    ]),
    (B, [
        ("first", "During the Berlin Airlift, how often did a plane land at Tempelhof at the peak?", ["every 45 seconds", "one plane landed every 45 seconds"]),
        ("pronoun", "By when had it proved successful?", ["By spring 1949", "spring 1949"]),
        ("topic_shift", "Which alliance did the Western Allies create shortly before the end of the blockade?", ["the North Atlantic Treaty Organization (NATO)", "North Atlantic Treaty Organization", "NATO"]),
        ("ellipsis", "And two weeks after the end?", ["the state of West Germany", "West Germany"]),
        ("unanswerable_followup", "Who was NATO's first Secretary General?", []),
    ]),
    # ---- IAEA ----
    (I, [
        ("first", "Where is the headquarters of the International Atomic Energy Agency?", ["Vienna, Austria", "Vienna"]),
        ("pronoun", "When was it established?", ["29 July 1957"]),
        ("pronoun", "Who was its first Director General?", ["W. Sterling Cole", "Former US Congressman W. Sterling Cole"]),
        ("ellipsis", "And the second?", ["Sigvard Eklund", "the scientist Sigvard Eklund"]),
        ("answer_reference", "How long did he hold the job?", ["from 1961 to 1981", "1961 to 1981"]),
        ("unanswerable_followup", "Where was he born?", []),
    ]),
    (I, [
        ("first", "When was the IAEA awarded the Nobel Peace Prize?", ["7 October 2005", "2005"]),
        ("pronoun", "Who shared it with the agency?", ["Mohamed ElBaradei", "its former Director General, Mohamed ElBaradei"]),
        ("answer_reference", "Who succeeded him as Director General?", ["Yukiya Amano"]),
        ("answer_reference", "When did he take office?", ["1 December 2009"]),
        ("pronoun", "Who did he defeat in the election?", ["Abdul Samad Minty of South Africa and Luis E. Echávarri of Spain", "Abdul Samad Minty", "Luis E. Echávarri"]),
        ("unanswerable_followup", "Who replaced him after he died?", []),
    ]),
    (I, [
        ("first", "How many member states does the IAEA have?", ["171", "171 member states"]),
        ("ellipsis", "And how many have withdrawn?", ["Four states", "Four"]),
        ("answer_reference", "Which of them left after being found in non-compliance with its safeguards agreement?", ["North Korea"]),
        ("answer_reference", "When did it withdraw?", ["1994"]),
        ("ellipsis", "What about Cambodia?", ["withdrew in 2003", "2003"]),
        ("unanswerable_followup", "Why did Cambodia leave?", []),
    ]),
    (I, [
        ("first", "Which US president proposed an international atomic energy body in his Atoms for Peace address?", ["Dwight D. Eisenhower", "the President of the United States, Dwight D. Eisenhower"]),
        ("answer_reference", "In which year did he give that address?", ["1953"]),
        ("topic_shift", "When was the IAEA Statute approved?", ["23 October 1956"]),
        ("ellipsis", "What about its entry into force?", ["29 July 1957"]),
        ("unanswerable_followup", "Which country was the first to sign it?", []),
        ("topic_shift", "When did the physicist Henry Moseley die?", ["10 August 1915"], M),
        ("pronoun", "Where was he killed?", ["during the Battle of Gallipoli", "Gallipoli"]),
    ]),
    (I, [
        ("first", "How many members sit on the IAEA Board of Governors for the 2018–2019 period?", ["35"]),
        ("pronoun", "What majority do its budget matters require?", ["a two-thirds majority", "two-thirds majority"]),
        ("ellipsis", "And all other matters?", ["only a simple majority", "a simple majority", "simple majority"]),
        ("topic_shift", "How often does the IAEA General Conference meet?", ["once a year", "once a year, typically in September"]),
        ("ellipsis", "In which month, usually?", ["September"]),
        ("unanswerable_followup", "In which building are its sessions held?", []),
    ]),
    (I, [
        ("first", "What was the IAEA's regular budget in 2014?", ["€344 million", "€344 million in 2014"]),
        ("ellipsis", "And the target for the Technical Cooperation Fund?", ["US$90 million", "the US$90 million range"]),
        ("pronoun", "How is that fund financed?", ["voluntary contributions", "by voluntary contributions"]),
        ("topic_shift", "What share of its 2011 regular budget did the IAEA spend on making plants secure from accidents?", ["8.9 percent"]),
        ("unanswerable_followup", "And how much did it spend on safeguards that year?", []),
    ]),
    # ---- Henry Moseley ----
    (M, [
        ("first", "Where was Henry Moseley born?", ["Weymouth in Dorset", "Weymouth"]),
        ("ellipsis", "In which year?", ["1887"]),
        ("pronoun", "What was his father's name?", ["Henry Nottidge Moseley"]),
        ("ellipsis", "And his mother's?", ["Amabel Gwyn Jeffreys Moseley"]),
        ("answer_reference", "Whose daughter was she?", ["the Welsh biologist and conchologist John Gwyn Jeffreys", "John Gwyn Jeffreys"]),
        ("unanswerable_followup", "Did Henry have any brothers or sisters?", []),
    ]),
    (M, [
        ("first", "Which university did Moseley go to work at after graduating from Oxford in 1910?", ["the University of Manchester", "University of Manchester"]),
        ("answer_reference", "Who supervised him there?", ["Sir Ernest Rutherford", "Ernest Rutherford"]),
        ("pronoun", "When did he move back to Oxford?", ["in November 1913", "November 1913"]),
        ("pronoun", "What did he invent in 1912?", ["the first atomic battery", "first atomic battery"]),
        ("unanswerable_followup", "What voltage did it produce?", []),
    ]),
    (M, [
        ("first", "At which numbers did Moseley find gaps in the atomic number sequence?", ["43, 61, 72, and 75", "numbers 43, 61, 72, and 75"]),
        ("answer_reference", "Which element fills the first of them?", ["technetium"]),
        ("ellipsis", "And the second?", ["promethium"]),
        ("answer_reference", "Where was that element created?", ["in nuclear reactors", "nuclear reactors"]),
        ("topic_shift", "When was hafnium discovered?", ["1923"]),
        ("ellipsis", "And rhenium?", ["1925"]),
        ("unanswerable_followup", "Who discovered it?", []),
    ]),
    (M, [
        ("first", "Which unit did Moseley volunteer for when World War I broke out?", ["the Royal Engineers of the British Army", "Royal Engineers"]),
        ("pronoun", "How old was he when he was killed?", ["the age of 27", "27", "twenty-seven"]),
        ("pronoun", "Who shot him?", ["a Turkish sniper", "Turkish sniper"]),
        ("topic_shift", "Who won the Nobel Prize in Physics in 1914?", ["Max von Laue"]),
        ("ellipsis", "And in 1917?", ["Charles Barkla"]),
        ("answer_reference", "Which country was he from?", ["Great Britain"]),
    ]),
    (M, [
        ("first", "Where were memorial plaques to Henry Moseley installed?", ["at Manchester and Eton", "Manchester and Eton"]),
        ("pronoun", "Who was the second recipient of the scholarship established by his will?", ["the physicist P. M. S. Blackett", "P. M. S. Blackett"]),
        ("answer_reference", "What did he later become?", ["president of the Society"]),
        ("unanswerable_followup", "Who was the first recipient?", []),
        ("topic_shift", "Which school did Moseley attend on a King's scholarship?", ["Eton College", "Eton"]),
        ("answer_reference", "Which prizes did he win there in 1906?", ["the chemistry and physics prizes", "chemistry and physics prizes"]),
    ]),
    # ---- Fair Isle ----
    (F, [
        ("first", "Where is Fair Isle?", ["an island in Shetland, in northern Scotland", "in Shetland, in northern Scotland", "about halfway between mainland Shetland and Orkney"]),
        ("pronoun", "How many people live there permanently?", ["around 55 permanent residents", "around 55", "55"]),
        ("ellipsis", "And in 1900?", ["about 400", "400"]),
        ("pronoun", "When did the National Trust for Scotland buy it?", ["1954"]),
        ("ellipsis", "From whom?", ["George Waterston"]),
        ("answer_reference", "What else did he found?", ["the bird observatory", "A permanent bird observatory"]),
        ("unanswerable_followup", "How much did the Trust pay for the island?", []),
    ]),
    (F, [
        ("first", "When was the bird observatory on Fair Isle founded?", ["1948"]),
        ("pronoun", "Who was its first director?", ["Kenneth Williamson"]),
        ("unanswerable_followup", "How long did he stay in that post?", []),
        ("pronoun", "What happened to its 2010 building?", ["destroyed by fire on 10 March 2019", "destroyed by fire"]),
        ("pronoun", "How much had that building cost?", ["£4 million"]),
        ("ellipsis", "And how many guests?", ["around 30 guests", "30"]),
    ]),
    (F, [
        ("first", "Which Spanish Armada ship was wrecked on Fair Isle?", ["El Gran Grifón", "the flagship of the Spanish Armada, El Gran Grifón"]),
        ("pronoun", "When was it wrecked?", ["20 August 1588", "On 20 August 1588"]),
        ("pronoun", "How many sailors were on board?", ["300", "its 300 sailors"]),
        ("answer_reference", "How long did they live with the islanders?", ["six weeks"]),
        ("pronoun", "When was the wreck found?", ["1970", "discovered in 1970"]),
        ("topic_shift", "Which Canadian sailing ship was wrecked on Fair Isle in 1877?", ["Black Watch", "The large Canadian sailing ship Black Watch"]),
        ("unanswerable_followup", "How many of its crew survived?", []),
    ]),
    (F, [
        ("first", "When did a German bomber crash on Fair Isle?", ["17 January 1941", "On 17 January 1941"]),
        ("pronoun", "What type of aircraft was it?", ["a German Heinkel He 111 bomber", "Heinkel He 111"]),
        ("pronoun", "Where had it been based?", ["Oldenburg in Germany", "Oldenburg"]),
        ("ellipsis", "And how many crew?", ["five"]),
        ("answer_reference", "How many of them died?", ["Two", "Two crew died"]),
        ("answer_reference", "Where were they buried?", ["in the island's churchyard", "the island's churchyard"]),
        ("unanswerable_followup", "What was the pilot's name?", []),
    ]),
    (F, [
        ("first", "When was Fair Isle granted Fairtrade Island status?", ["January 2004", "In January 2004"]),
        ("topic_shift", "Who supplies electricity on Fair Isle?", ["the Fair Isle Electricity Company", "Fair Isle Electricity Company"]),
        ("pronoun", "Since when has the island had a 24-hour supply?", ["Since October 2018", "October 2018"]),
        ("ellipsis", "And the cost of that scheme?", ["£3.5m"]),
        ("unanswerable_followup", "How many solar panels were installed?", []),
        ("topic_shift", "When was the new fire station on Fair Isle officially opened?", ["14 March 2013"]),
        ("pronoun", "How much did it cost to build?", ["£140,000"]),
    ]),
    (F, [
        ("first", "Which ferry serves Fair Isle?", ["Good Shepherd IV", "The ferry Good Shepherd IV"]),
        ("answer_reference", "Where on Shetland Mainland does it sail to?", ["Grutness on Shetland Mainland", "Grutness"]),
        ("topic_shift", "When was the Methodist church on Fair Isle built?", ["1886"]),
        ("ellipsis", "And the Church of Scotland one?", ["1892"]),
        ("pronoun", "Who is that church's minister?", ["the Reverend Charles H Greig", "Charles H Greig"]),
        ("unanswerable_followup", "How many people attend its services?", []),
    ]),
    # ---- CloudSat ----
    (C, [
        ("first", "When was NASA's CloudSat launched?", ["April 28, 2006", "2006"]),
        ("pronoun", "Which satellite was it launched with?", ["a lidar-carrying satellite called CALIPSO", "CALIPSO"]),
        ("answer_reference", "What does that name stand for?", ["Cloud-Aerosol Lidar and Infrared Pathfinder Satellite Observation"]),
        ("answer_reference", "When did it end its mission?", ["in August 2023", "August 2023"]),
        ("ellipsis", "And CloudSat?", ["decommissioned in March 2024", "March 2024"]),
        ("unanswerable_followup", "Where exactly did it re-enter the atmosphere?", []),
    ]),
    (C, [
        ("first", "How long was the CloudSat mission originally supposed to last?", ["a 22-month mission", "22-month"]),
        ("pronoun", "And how long did it actually operate?", ["almost 18 years", "nearly two decades"]),
        ("pronoun", "What was its radar called?", ["Cloud Profiling Radar"]),
        ("answer_reference", "What frequency did it use?", ["94 GHz", "94 GHz wavelength (W-band)"]),
        ("answer_reference", "How much more sensitive was it than typical ground-based weather radars?", ["A thousand times more sensitive", "A thousand times"]),
        ("pronoun", "When was it permanently turned off?", ["in December 2023", "December 2023"]),
        ("unanswerable_followup", "How much did the spacecraft weigh?", []),
    ]),
    (C, [
        ("first", "Who was CloudSat's principal investigator?", ["Graeme Stephens"]),
        ("answer_reference", "Where does he work?", ["NASA’s Jet Propulsion Laboratory in Southern California", "NASA’s Jet Propulsion Laboratory", "Jet Propulsion Laboratory"]),
        ("ellipsis", "And the project manager?", ["Deborah Vane"]),
        ("topic_shift", "Which company designed and built the CloudSat spacecraft?", ["BAE Systems of Broomfield, Colorado", "BAE Systems"]),
        ("ellipsis", "And who processes the science data?", ["Colorado State University"]),
        ("ellipsis", "What about hardware for the radar?", ["the Canadian Space Agency", "Canadian Space Agency"]),
        ("unanswerable_followup", "How much did the whole mission cost?", []),
    ]),
    (C, [
        ("first", "Which hurricane did CloudSat pass over near the U.S. East Coast in August 2009?", ["Hurricane Bill"]),
        ("answer_reference", "What category was it?", ["Category 4"]),
        ("topic_shift", "Which hurricane did CloudSat's radar slice into in September 2017?", ["Hurricane Maria"]),
        ("answer_reference", "How high did its areas of high reflectivity extend?", ["above 9 miles (15 kilometers)", "9 miles (15 kilometers)", "9 miles"]),
        ("topic_shift", "When did Landsat 9 launch?", ["Sept. 27, 2021"], S007),
        ("ellipsis", "From where?", ["Vandenberg Space Force Base in California", "Vandenberg Space Force Base"]),
    ]),
    # ---- ISS annual highlights ----
    (S, [
        ("first", "How many articles associated with space station research were identified in fiscal year 2023?", ["a total of 330 articles", "330"]),
        ("answer_reference", "How many of those appeared in peer-reviewed journals?", ["268"]),
        ("ellipsis", "And in conference proceedings?", ["59"]),
        ("topic_shift", "What was the return on investment from derived science for FY-23?", ["27 percent"]),
        ("unanswerable_followup", "And what was it the year before?", []),
    ]),
    (S, [
        ("first", "How many space station research articles were counted for ESA in FY-23?", ["43 articles for ESA", "43"]),
        ("ellipsis", "What about JAXA?", ["58 articles for JAXA", "58"]),
        ("ellipsis", "And NASA?", ["216 articles for NASA", "216"]),
        ("ellipsis", "And Roscosmos?", ["10 articles for Roscosmos", "10"]),
        ("unanswerable_followup", "How many did the Italian space agency have?", []),
        ("topic_shift", "How many investigations have operated on the space station since Expedition 1?", ["Over 3,700", "3,700"]),
    ]),
    (S, [
        ("first", "How many station research articles appeared in top-tier journals from October 2022 to September 2023?", ["78 articles", "78"]),
        ("answer_reference", "How many of those were in top 20 journals?", ["26"]),
        ("topic_shift", "Which global database helped identify the top findings produced by station researchers?", ["Clarivate"]),
        ("answer_reference", "Which of its parameters ranks journals by readership and influence?", ["the journal’s Eigenfactor Score", "Eigenfactor Score"]),
        ("topic_shift", "Since when have companies and universities run experiments in space through the ISS National Lab?", ["since 2005", "2005"]),
        ("pronoun", "How many publications from its investigations were collected in FY-23?", ["39 publications", "39"]),
        ("unanswerable_followup", "How much funding does it get each year?", []),
    ]),
    (S, [
        ("first", "When did the archive of space station investigations go online?", ["in 2004", "2004"]),
        ("topic_shift", "Which program was used for the bibliometric analyses of space station research?", ["VOSviewer"]),
        ("unanswerable_followup", "Who developed it?", []),
        ("topic_shift", "How many countries have taken part in space station research?", ["more than 100 countries", "more than 100"]),
        ("ellipsis", "And how many researchers?", ["more than 5,000 researchers", "more than 5,000"]),
        ("ellipsis", "And publications?", ["over 4,000 publications", "over 4,000"]),
    ]),
    # ---- mixed, new documents ----
    (B, [
        ("first", "Which party marched on the Berlin City Council in September 1948?", ["the Socialist Unity Party of Germany (SED)", "Socialist Unity Party of Germany", "SED"]),
        ("answer_reference", "What did it force the council to do?", ["adjourn", "forced it to adjourn"]),
        ("topic_shift", "Which Secretary of State announced the European Recovery Program?", ["Secretary of State George Marshall", "George Marshall"]),
        ("unanswerable_followup", "How much money did his plan provide?", []),
        ("topic_shift", "When did the United States and United Kingdom unify their occupation zones?", ["On January 1", "January 1"]),
        ("pronoun", "What was the combined zone called?", ["Bizonia"]),
    ]),
    (I, [
        ("first", "Which disaster in 1986 made the IAEA increase its nuclear safety efforts?", ["the nuclear reactor explosion and disaster near Chernobyl, Ukraine", "Chernobyl"]),
        ("ellipsis", "And in 2011?", ["the 2011 Fukushima disaster", "Fukushima disaster", "Fukushima"]),
        ("topic_shift", "Which journal called the IAEA response to the Fukushima accidents sluggish and sometimes confusing?", ["Nature"]),
        ("topic_shift", "Which Russian nuclear accident specialist criticised the IAEA's response to Fukushima?", ["Iouli Andreev"]),
        ("unanswerable_followup", "Which institute does he work for?", []),
        ("topic_shift", "Where did Fair Isle's German bomber of 1941 take off from?", ["Oldenburg in Germany", "Oldenburg"], F),
    ]),
    # ---- sample corpus (qa/data/corpus) ----
    (S007, [
        ("first", "Who took over operational control of Landsat 9 from NASA?", ["The U.S. Geological Survey", "U.S. Geological Survey", "USGS"]),
        ("ellipsis", "On what date?", ["August 11, 2022"]),
        ("pronoun", "Where did the handover take place?", ["the USGS Earth Resources Observation and Science (EROS) Center", "Sioux Falls, S.D."]),
        ("topic_shift", "When did the Landsat program mark 50 years of continuous service?", ["July 23, 2022"]),
        ("unanswerable_followup", "How much did Landsat 9 cost?", []),
    ]),
    (S008, [
        ("first", "Since when has Kilauea been erupting?", ["Jan. 3, 1983", "since Jan. 3, 1983"]),
        ("pronoun", "Which vent are its current lava flows coming from?", ["the Pu`u `O`o vent", "Pu`u `O`o"]),
        ("ellipsis", "How many eruptions since 1952?", ["34 eruptions", "34"]),
        ("pronoun", "Which observatory watches it?", ["Hawaiian Volcano Observatory"]),
        ("unanswerable_followup", "How much new land has it added so far?", []),
    ]),
    (S006, [
        ("first", "How many pounds did U.S. commercial fishermen land in 2020?", ["8.4 billion pounds"]),
        ("answer_reference", "What was that catch worth?", ["$4.7 billion"]),
        ("topic_shift", "Which U.S. port was top for volume in 2020?", ["Dutch Harbor, Alaska", "Dutch Harbor"]),
        ("ellipsis", "And for value?", ["New Bedford, Massachusetts", "New Bedford"]),
        ("topic_shift", "How many stocks were on the overfishing list in 2021?", ["26"]),
        ("ellipsis", "And how many were overfished?", ["51"]),
        ("unanswerable_followup", "Which species are they?", []),
    ]),
    (S002, [
        ("first", "Where was the 2022 International Forum on South-South Cooperation and Trade in Services held?", ["China National Convention Center"]),
        ("pronoun", "On what day did it take place?", ["3rd\u00a0September", "on 3rd\u00a0September"]),
        ("pronoun", "How many participants attended it?", ["more than 600 participants", "more than 600"]),
        ("ellipsis", "From how many countries?", ["31 countries", "31"]),
        ("unanswerable_followup", "Who moderated its panel discussion?", []),
        ("topic_shift", "Who was the UN Resident Coordinator in China at the forum?", ["Mr. Siddharth Chatterjee", "Siddharth Chatterjee"]),
    ]),
    (S000, [
        ("first", "When was the Second United Nations Global Sustainable Transport Conference held?", ["October 14 to 16, 2021", "From October 14 to 16, 2021"]),
        ("ellipsis", "In which city?", ["Beijing"]),
        ("pronoun", "What was its outcome document called?", ["Beijing Declaration", "The outcome document Beijing Declaration"]),
        ("unanswerable_followup", "How many countries signed it?", []),
        ("topic_shift", "Which country's officials was Peng Tian responsible for at the conference?", ["Bangladesh"]),
        ("ellipsis", "And Wei Hejia?", ["Suriname"]),
    ]),
    (S004, [
        ("first", "According to Qian Keming, how much was China's trade in goods with other Belt and Road countries?", ["US $1.35 trillion"]),
        ("ellipsis", "And non-financial direct investment?", ["US $17.79 billion"]),
        ("answer_reference", "By how much was that up year on year?", ["up 18.3% year on year", "18.3%"]),
        ("topic_shift", "How many Belt and Road cooperation documents has China signed?", ["205 cooperation documents", "205"]),
        ("ellipsis", "With how many countries and international organizations?", ["171 countries and international organizations", "171"]),
        ("unanswerable_followup", "Which country signed the first one?", []),
    ]),
]


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    rows = []
    for n, (doc, turns) in enumerate(CONVS, 1):
        conv = "d%02d" % n
        split = "tune" if n % 2 == 1 else "heldout"
        cur = doc
        for t, turn in enumerate(turns, 1):
            typ, q, ans = turn[:3]
            if len(turn) > 3:
                cur = turn[3]
            rows.append({
                "id": "%st%d" % (conv, t),
                "conversation": conv,
                "turn": t,
                "question": q,
                "answers": ans,
                "doc": cur,
                "type": typ,
                "split": split,
            })
    with open(os.path.join(here, "questions.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(CONVS), "conversations,", len(rows), "turns")


if __name__ == "__main__":
    main()
