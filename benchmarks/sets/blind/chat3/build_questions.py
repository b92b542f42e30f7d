"""Writes questions.jsonl for the blind chat3 set. Standard library only.

Run: python3 benchmarks/sets/blind/chat3/build_questions.py
Then check: python3 benchmarks/sets/blind/chat3/check.py

Each conversation is a list of turns (type, question, answers, doc). doc None means
"same document as the previous turn". Conversation ids and turn numbers are given by
position. Splits are assigned per whole conversation and alternate within each pair
(e01/e02, e03/e04, ...): one conversation of each pair is "tune", the other "heldout".
By default the odd-numbered one is "tune"; in the pairs listed in FLIPPED_PAIRS the
even-numbered one is "tune" instead. The flips were chosen to balance the type counts
between the two splits.
"""
import json
import os

HERE = os.path.dirname(os.path.abspath(__file__))

GH = "grace_hopper_wikipedia.txt"
HBC = "hudsons_bay_company_wikipedia.txt"
STS = "nasa_sts60_first_shuttle_mir_mission.txt"
PR = "nasa_presidential_medals_ochoa_rigby.txt"
NESC = "nesc_advancing_human_spaceflight_safety.txt"
RPI = "raspberry_pi_power_and_rtc.txt"
IRA = "inflation_reduction_act_crs_summary.txt"
S000 = "000_ea3066790518d206.txt"
S001 = "001_f44ad48b11c7b797.txt"
S002 = "002_557cd2be1ce03ba0.txt"
S003 = "003_ff5b0687fde85929.txt"
S004 = "004_db892e9051c247c4.txt"
S006 = "006_noaa_fisheries_reports_2022.html"
S007 = "007_usgs_landsat9_handover.md"
S008 = "008_usgs_kilauea_lava_2002.txt"

F, P, A, E, T, U = "first", "pronoun", "answer_reference", "ellipsis", "topic_shift", "unanswerable_followup"
NB = "\u00a0"
# pairs whose even-numbered conversation is "tune" (pair k holds conversations 2k+1 and 2k+2)
FLIPPED_PAIRS = {1, 2, 3, 5, 6}

CONVERSATIONS = [
    # e01 Grace Hopper: family
    [
        (F, "Where was Grace Hopper born?", ["New York City"], GH),
        (P, "who were her parents", ["Walter Fletcher Murray and Mary Campbell Van Horne"], None),
        (E, "And her great-grandfather?", ["Alexander Wilson Russell"], None),
        (A, "Which battle did he fight in?", ["the Battle of Mobile Bay", "Battle of Mobile Bay"], None),
        (U, "What were the names of her brothers and sisters?", [], None),
        (T, "Which school did Hopper go to for her preparatory education?",
         ["the Hartridge School in Plainfield, New Jersey", "Hartridge School"], None),
    ],
    # e02 Grace Hopper: doctorate, then shift to the NASA medals release
    [
        (F, "Under whose direction did Grace Hopper earn her Ph.D. at Yale?", ["Øystein Ore"], GH),
        (E, "In what year?", ["1934"], None),
        (P, "What was the title of her dissertation?", ["New Types of Irreducibility Criteria"], None),
        (U, "Which journal published it?", [], None),
        (T, "Different subject: where did Ellen Ochoa get her doctorate?", ["Stanford University"], PR),
        (P, "When did she retire from NASA?", ["2018"], None),
    ],
    # e03 Grace Hopper: COBOL
    [
        (F, "What language did the CODASYL committee define after the 1959 conference?", ["COBOL"], GH),
        (A, "what does that acronym stand for?", ["COmmon Business-Oriented Language"], None),
        (A, "Which of Hopper's earlier languages did it extend?", ["FLOW-MATIC", "Hopper's FLOW-MATIC language"], None),
        (E, "And the IBM equivalent it borrowed ideas from?", ["COMTRAN"], None),
        (T, "What nickname did Hopper get as a speaker?", ["Grandma COBOL"], None),
        (U, "Who came up with that nickname?", [], None),
    ],
    # e04 Grace Hopper: retirements and promotions
    [
        (F, "At what age did Grace Hopper first retire from the Naval Reserve?", ["60", "age 60", "at age 60"], GH),
        (E, "With what rank?", ["commander", "the rank of commander"], None),
        (P, "Who promoted her to captain in 1973?", ["Admiral Elmo R. Zumwalt, Jr.", "Elmo R. Zumwalt, Jr."], None),
        (P, "Which TV show did Philip Crane see her on?", ["60 Minutes"], None),
        (P, "When was she made a commodore?", ["15 December 1983", "December 15, 1983"], None),
        (U, "What did she say in her speech at that promotion ceremony?", [], None),
    ],
    # e05 Grace Hopper: DEC, the moth, death
    [
        (F, "Which company hired Grace Hopper as a senior consultant after she left the Navy?",
         ["Digital Equipment Corporation (DEC)", "Digital Equipment Corporation"], GH),
        (A, "Who offered her the job there at first?", ["Rita Yavinsky"], None),
        (U, "How much was her salary there?", [], None),
        (T, "In what year did her associates find a moth stuck in a relay?", ["1947"], None),
        (P, "Where can its remains be seen today?",
         ["in the group's log book at the Smithsonian Institution's National Museum of American History in Washington, D.C.",
          "the Smithsonian Institution's National Museum of American History"], None),
        (T, "Where did Grace Hopper die?", ["at her home in Arlington, Virginia", "Arlington, Virginia"], None),
        (E, "what about her burial place", ["Arlington National Cemetery"], None),
    ],
    # e06 Hudson's Bay Company: basics and charter
    [
        (F, "Where is the Hudson's Bay Company's head office?", ["Brampton, Ontario"], HBC),
        (P, "What symbol does it trade under on the Toronto Stock Exchange?", ['"HBC"', "HBC"], None),
        (P, "When was it incorporated?", ["2 May 1670", "1670"], None),
        (E, "Under a charter from whom?", ["King Charles II", "a royal charter from King Charles II"], None),
        (A, "Who was that king's cousin, the one who sponsored Radisson and Groseilliers?", ["Prince Rupert"], None),
        (U, "How much money did he put into the company?", [], None),
    ],
    # e07 Hudson's Bay Company: the 1668 expedition
    [
        (F, "Which two ships did the English expedition acquire in 1668 to explore trade into Hudson Bay?",
         ["the Nonsuch and the Eaglet", "Nonsuch and the Eaglet"], HBC),
        (A, "Who commanded the first of them?", ["Captain Zachariah Gillam", "Zachariah Gillam"], None),
        (E, "And the other one?", ["Captain William Stannard", "William Stannard"], None),
        (U, "Why did it have to turn back off Ireland?", [], None),
        (T, "What was the first fort built on Hudson Bay?", ["Charles Fort"], None),
        (A, "What was it later known as?", ["Rupert House"], None),
        (A, "and what community did that become", ["present-day Waskaganish, Quebec", "Waskaganish, Quebec"], None),
    ],
    # e08 Hudson's Bay Company: trade
    [
        (F, "Who bought the bulk of the first cargo of fur from Hudson Bay?", ["Thomas Glover"], HBC),
        (E, "Worth how much?", ["£1,233"], None),
        (T, "What unit of exchange were HBC trade prices set in?", ["Made Beaver", "Made Beaver (MB)"], None),
        (A, "How many otter pelts might equal one of those?", ["two otter pelts might equal 1 MB", "two"], None),
        (T, "What goods did trappers usually get in exchange for their pelts?",
         ["knives, kettles, beads, needles, and the Hudson's Bay point blanket"], None),
        (U, "How many beaver pelts did one point blanket cost?", [], None),
        (P, "By 1700, what share of the trade did those blankets make up?", ["more than 60%", "more than 60% of the trade"], None),
    ],
    # e09 Hudson's Bay Company: Anglo-French conflict
    [
        (F, "Who led the French raiding party sent in March 1686 to capture the HBC posts on James Bay?",
         ["the Chevalier des Troyes", "Chevalier des Troyes"], HBC),
        (E, "And the man appointed commander of the captured posts?", ["Pierre Le Moyne d'Iberville"], None),
        (A, "When did he first capture York Factory?", ["1694"], None),
        (P, "What naval battle did he win on his way to the fort in 1697?",
         ["the Battle of Hudson's Bay", "Battle of Hudson's Bay"], None),
        (U, "How many men were killed in it?", [], None),
        (T, "Which treaty returned Hudson Bay to the British?", ["the Treaty of Utrecht", "Treaty of Utrecht"], None),
        (E, "signed in which year?", ["1713"], None),
    ],
    # e10 Hudson's Bay Company: inland posts and the North West Company
    [
        (F, "Who set up the Hudson's Bay Company's first inland trading post?", ["Samuel Hearne"], HBC),
        (E, "What year?", ["1774"], None),
        (E, "And where?", ["Cumberland House, Saskatchewan"], None),
        (T, "Which rival company was founded in Montreal in 1779?", ["the North West Company (NWC)", "North West Company"], None),
        (A, "When did that company become a permanent entity?", ["1783"], None),
        (U, "Who were its founders?", [], None),
    ],
    # e11 STS-60: launch and orbiter
    [
        (F, "When did the STS-60 mission launch?", ["Feb. 3, 1994", "7:10 a.m. EST on Feb. 3"], STS),
        (P, "Which space shuttle flew it?", ["Discovery", "space shuttle Discovery"], None),
        (A, "Which flight was it for that orbiter?", ["its 18th flight", "18th flight"], None),
        (E, "And the orbiter's previous mission?", ["STS-51"], None),
        (A, "When did that one land?", ["Sept. 22, 1993"], None),
        (U, "How many days had that mission lasted?", [], None),
    ],
    # e12 STS-60: crew
    [
        (F, "Who commanded STS-60?", ["Charles F. Bolden", "Commander Charles F. Bolden"], STS),
        (E, "And the pilot?", ["Kenneth S. Reightler"], None),
        (P, "Which of the crew was making a first spaceflight?", ["Sega", "Ronald M. Sega"], None),
        (U, "How old was he at the time?", [], None),
        (T, "Which cosmonaut flew on STS-60?", ["Sergei K. Krikalev"], None),
        (E, "and his backup", ["Vladimir G. Titov"], None),
    ],
    # e13 STS-60: Wake Shield Facility
    [
        (F, "What was the Wake Shield Facility on STS-60 meant to do?",
         ["using the ultra-vacuum of space to generate semi-conductor films for advanced electronics",
          "generate semi-conductor films for advanced electronics"], STS),
        (P, "Who grappled it with the robotic arm?", ["Davis", "N. Jan Davis"], None),
        (P, "What caused its communications problem?",
         ["a radio frequency interference issue missed due to inadequate preflight testing",
          "a radio frequency interference issue"], None),
        (P, "How many semiconductor films did it manage to produce?", ["five semiconductor films of good quality", "five"], None),
        (U, "What were those films used for afterwards?", [], None),
        (T, "What treat did the Stirling refrigerator give the crew?", ["real ice cream"], None),
    ],
    # e14 STS-60: the President's call, landing
    [
        (F, "Which US president talked to the STS-60 crew from Mission Control?",
         ["President William J. “Bill” Clinton", "William J. “Bill” Clinton"], STS),
        (E, "On which day of the mission?", ["fifth day in orbit", "On the astronauts’ fifth day in orbit"], None),
        (P, "Who came along with him?",
         ["NASA Administrator Daniel S. Golden and Johnson Director Carolyn L. Huntoon"], None),
        (T, "Which TV program linked the STS-60 crew with the cosmonauts on Mir?",
         ["Good Morning America", "the ABC program Good Morning America"], None),
        (A, "Which network is that program on?", ["ABC"], None),
        (T, "How long did the STS-60 mission last in total?", ["8 days, 7 hours, and 9 minutes"], None),
        (E, "And how many times did it circle the Earth?", ["130 times", "130"], None),
        (U, "How fast was Discovery going when it touched down?", [], None),
    ],
    # e15 STS-60: payload commander, deployed payloads
    [
        (F, "Who was the payload commander on STS-60?", ["Franklin R. Chang-Díaz"], STS),
        (A, "Which of his trips into space was this?", ["their fourth trips into space", "fourth"], None),
        (A, "Who else on the crew was making a fourth trip?", ["Bolden"], None),
        (T, "What did the Orbital Debris Radar Calibration Spheres experiment release from the payload bay?",
         ["six metal spheres of three different sizes", "six metal spheres"], None),
        (A, "What tracked them?", ["Ground-based radars and optical telescopes"], None),
        (T, "Which university provided the second payload deployed from Discovery?",
         ["The University of Bremen in Germany", "University of Bremen"], None),
        (U, "What was the name of that satellite?", [], None),
    ],
    # e16 NASA medals release: the award
    [
        (F, "Which two NASA figures are getting the Presidential Medal of Freedom?",
         ["Dr. Ellen Ochoa, former center director and astronaut at the agency’s Johnson Space Center in Houston, and Dr. Jane Rigby",
          "Ellen Ochoa", "Jane Rigby"], PR),
        (E, "Out of how many awardees?", ["19 awardees", "19"], None),
        (E, "announced when", ["May 3"], None),
        (P, "Who will present the medals to them?", ["President Joe Biden"], None),
        (U, "What time does the White House ceremony start?", [], None),
        (T, "Where was Jane Rigby born and raised?", ["Delaware"], None),
    ],
    # e17 NASA medals release: Ochoa
    [
        (F, "When did Ellen Ochoa join NASA?", ["1988"], PR),
        (E, "As what?", ["a research engineer at NASA’s Ames Research Center", "research engineer"], None),
        (P, "What was her first space mission?", ["STS-56", "the nine-day STS-56 mission"], None),
        (A, "How long did that mission last?", ["nine-day"], None),
        (P, "How many schools are named after her?", ["seven schools", "seven"], None),
        (U, "Which cities are those schools in?", [], None),
    ],
    # e18 NASA medals release: Rigby and Webb
    [
        (F, "How many peer-reviewed publications has Jane Rigby published?", ["160"], PR),
        (P, "Where does she work?", ["NASA’s Goddard Space Flight Center in Greenbelt, Maryland", "Goddard Space Flight Center"], None),
        (P, "Besides her family, who did she invite to the ceremony?",
         ["her colleague Mike Menzel, Webb lead mission systems engineer at NASA Goddard, and Dr. Kelsey Johnson, president of the American Astronomical Society",
          "Mike Menzel", "Dr. Kelsey Johnson"], None),
        (A, "What's the second person's role?", ["president of the American Astronomical Society"], None),
        (T, "Which agencies partner with NASA on the Webb telescope?",
         ["ESA (European Space Agency) and CSA (Canadian Space Agency)"], None),
        (A, "What does the second acronym stand for?", ["Canadian Space Agency"], None),
        (U, "How much did it cost to build Webb?", [], None),
    ],
    # e19 NESC report: discipline leads, helmet water
    [
        (F, "Who leads the NESC discipline for environmental control and life support, crew systems and EVA?",
         ["the NASA Technical Fellow for ECLS, Dr. Morgan Abney", "Dr. Morgan Abney"], NESC),
        (E, "And the EVA deputy?", ["Colin Campbell"], None),
        (E, "What about the ECLSS and crew systems deputy?", ["Dave Williams"], None),
        (U, "Since when has Abney held the Technical Fellow post?", [], None),
        (T, "During EVA22, what was the water seen in the helmet assumed to be?",
         ["a “burp” from the drink bag", "the result of a “burp” from the drink bag"], None),
        (E, "In what year?", ["2013"], None),
    ],
    # e20 NESC report: helmet water mitigation
    [
        (F, "What was added to the ISS spacesuit helmet after EVA23?",
         ["the helmet absorption pad (HAP)", "helmet absorption pad (HAP)", "helmet absorption pad"], NESC),
        (A, "What is it for?", ["bulk water collection"], None),
        (E, "And the improved mitigation after EVA80?",
         ["a HAP extender (HAP-E) and a helmet absorption band (HAB)"], None),
        (A, "Have those been used in flight yet?", ["have both been implemented in flight"], None),
        (U, "Which company makes them?", [], None),
        (T, "In the NESC helmet model, what were the predicted water formations based on?",
         ["the contact angle between the face or head and the helmet surface"], None),
    ],
    # e21 NESC report: fire extinguishers
    [
        (F, "Which suppressants were in the three off-the-shelf fire extinguishers the NESC modeled?",
         ["CO2, HFC-227ea, and Novec 1230"], NESC),
        (A, "For the second one, how much discharges within 30 seconds in microgravity?", ["60-80%"], None),
        (E, "And in a terrestrial fire?", [">80%", ">80% discharge of the HFC-227ea"], None),
        (E, "what about the remainder, in microgravity", ["over 1-2 hours", "1-2 hours"], None),
        (T, "What tragedy gave NASA its lasting respect for fire risk in spacecraft?",
         ["The tragic fire of Apollo 1", "Apollo 1"], None),
        (U, "In what year did that fire happen?", [], None),
    ],
    # e22 NESC report: glove testing
    [
        (F, "Which ASTM committee is the NESC working with on spacesuit glove tests?",
         ["ASTM International Committee F47 on Commercial Spaceflight"], NESC),
        (P, "How many standard methods are being developed with it?", ["Three", "Three standardized methods"], None),
        (A, "What does the first of them standardize?",
         ["lunar dust abrasion testing of glove (and suit) materials"], None),
        (P, "How many samples can its tumbler handle per run?", ["six samples per run", "six"], None),
        (T, "To what temperature is the material cooled in the cryogenic cut test?", ["77 K"], None),
        (E, "And the PSR requirement temperature for the thermal method?", ["48 K"], None),
        (T, "Which company designed the custom manikin hand?", ["Thermetrics, LLC"], None),
        (U, "How much did it cost?", [], None),
    ],
    # e23 Raspberry Pi: recommended supplies, PoE
    [
        (F, "Which power supply is recommended for the Raspberry Pi 5?",
         ["27W USB-C Power Supply", "the 27W USB-C Power Supply"], RPI),
        (E, "And for a Raspberry Pi 4?", ["3A USB-C Supply for Raspberry Pi 4"], None),
        (E, "What about a Pi 3?", ["2.5A micro USB supply"], None),
        (T, "Do any Raspberry Pi models support USB-PPS?", ["No Raspberry Pi models support USB-PPS"], None),
        (U, "Will a future model add support for it?", [], None),
        (T, "Which PoE standard does the Ethernet jack on the Pi 5 support?",
         ["the IEEE 802.3at-2009 PoE standard", "IEEE 802.3at-2009"], None),
        (P, "Where is its PoE header?", ["between the Ethernet jack and the two MIPI connectors"], None),
    ],
    # e24 Raspberry Pi: current table
    [
        (F, "What is the recommended PSU current capacity for a Raspberry Pi 3 Model B+?", ["2.5A"], RPI),
        (E, "and its typical bare-board active current consumption?", ["500mA"], None),
        (E, "What about the Raspberry Pi Zero W?", ["150mA"], None),
        (T, "How much current can the GPIO pins draw safely in total?", ["50mA"], None),
        (A, "Which other interface uses that same amount?", ["The HDMI port", "HDMI port"], None),
        (E, "And a single GPIO pin?", ["up to 16mA", "16mA"], None),
        (E, "And the Camera Module?", ["250mA"], None),
        (U, "And the official touchscreen display?", [], None),
    ],
    # e25 Raspberry Pi: power button
    [
        (F, "How do you force a hard shutdown on a Raspberry Pi 5?", ["press and hold the power button"], RPI),
        (E, "And pressing the button while the board is off but still connected to power?",
         ["restarts the board", "pressing the power button restarts the board"], None),
        (T, "Where is the J2 jumper?", ["between the RTC battery connector and the board edge"], None),
        (P, "What does it let you add?", ["your own power button", "add your own power button to Raspberry Pi 5"], None),
        (E, "Using what kind of switch?", ["a Normally Open (NO) momentary switch", "Normally Open (NO) momentary switch"], None),
        (U, "What's the part number of a suitable switch?", [], None),
        (T, "What should you always do before connecting a HAT?",
         ["disconnect your device from the power supply", "Always disconnect your device from the power supply before connecting a HAT"], None),
    ],
    # e26 Raspberry Pi: RTC battery
    [
        (F, "Which connector lets a battery power the Raspberry Pi 5 real time clock?",
         ["the J5 (BAT) connector", "J5 (BAT) connector", "J5"], RPI),
        (P, "Where is it on the board?",
         ["located to the right of the USB-C power connector", "to the right of the USB-C power connector"], None),
        (T, "What type of battery is the official RTC battery part?",
         ["a rechargeable lithium manganese coin cell", "rechargeable lithium manganese coin cell"], None),
        (P, "How long can it keep the clock going with the board unplugged?",
         ["the retention time measures in months", "months"], None),
        (U, "How much does it cost?", [], None),
        (T, "Is charging of the RTC battery enabled by default?",
         ["Charging of the battery is disabled by default", "disabled by default"], None),
        (P, "How do you turn it on?",
         ["add rtc_bbat_vchg to /boot/firmware/config.txt", "To charge the battery at a set voltage, add rtc_bbat_vchg to /boot/firmware/config.txt"], None),
    ],
    # e27 Raspberry Pi: power when off, low voltage, back-powering
    [
        (F, "By default, how much power does a Raspberry Pi 5 draw when it's turned off?",
         ["around 1W to 1.4W", "1W to 1.4W"], RPI),
        (A, "How far can that be reduced?", ["around 0.01W", "0.01W"], None),
        (P, "Which command edits the EEPROM configuration to do it?", ["sudo rpi-eeprom-config -e", "sudo -E rpi-eeprom-config --edit"], None),
        (T, "Below what voltage does the low-voltage detection circuitry trigger?", ["4.63V (±5%)", "4.63V"], None),
        (A, "What happens when the supply drops below that?",
         ["an entry being added to the kernel log", "This will result in an entry being added to the kernel log."], None),
        (U, "What is the exact wording of that log entry?", [], None),
        (T, "What is back-powering?",
         ["If a USB device does supply current to an upstream device, then this is called back-powering",
          "a USB device does supply current to an upstream device"], None),
    ],
    # e28 Inflation Reduction Act: taxes, drug negotiation
    [
        (F, "What rate is the corporate alternative minimum tax in the Inflation Reduction Act?", ["15%"], IRA),
        (E, "On income above what amount?", ["$1 billion", "exceeds $1 billion"], None),
        (T, "What excise tax does the bill put on stock repurchases?", ["a 1% excise tax", "1%"], None),
        (U, "How much revenue is that tax expected to raise?", [], None),
        (T, "How many drugs must the CMS negotiate prices for in 2026?", ["10 drugs in 2026", "10"], None),
        (E, "and in 2029?", ["20 drugs in 2029 and each year thereafter", "20"], None),
        (E, "And in 2027?", ["15 drugs in 2027 and 2028", "15"], None),
    ],
    # e29 Inflation Reduction Act: Medicare
    [
        (F, "What is the cap on annual out-of-pocket drug spending under Medicare in 2025 under the bill?", ["$2,000"], IRA),
        (T, "What is the cost-sharing cap for a month's supply of insulin from 2023 through 2025?", ["$35"], None),
        (E, "And from 2026 on?",
         ["$35, 25% of the government's negotiated price, or 25% of the plan's negotiated price, whichever is less"], None),
        (P, "Until when does it delay the prescription drug rebate rule?", ["2032", "until 2032"], None),
        (U, "Which drugs were picked for the first round of price negotiation?", [], None),
        (T, "Which committee recommends the adult vaccines that lose cost-sharing?",
         ["the Advisory Committee on Immunization Practices", "Advisory Committee on Immunization Practices"], None),
    ],
    # e30 Inflation Reduction Act: energy taxes
    [
        (F, "Through which year does the bill extend the tax credits for producing electricity from renewable resources?",
         ["2024", "through 2024"], IRA),
        (E, "And the credit for nonbusiness energy property?", ["2032", "through 2032"], None),
        (P, "and what does it raise that credit's rate to?", ["30%"], None),
        (T, "What is the reinstated Superfund excise tax rate on crude oil in 2023?", ["16.4 cents per barrel"], None),
        (U, "And in 2024?", [], None),
        (T, "What does the bill do to fund the Black Lung Disability Trust Fund?",
         ["makes permanent the increased rate of the coal excise tax", "the increased rate of the coal excise tax"], None),
    ],
    # e31 Inflation Reduction Act: agencies
    [
        (F, "What kind of aircraft does the bill fund NOAA to acquire?", ["a hurricane hunter aircraft", "hurricane hunter aircraft"], IRA),
        (U, "How much money is set aside for it?", [], None),
        (T, "Which places count as United States Insular Areas in the bill?",
         ["American Samoa, Northern Mariana Islands, Guam, Puerto Rico, and the U.S. Virgin Islands"], None),
        (A, "Which office gets funding to help them with climate change planning?",
         ["Interior's Office of Insular Affairs", "Office of Insular Affairs"], None),
        (T, "What is the Postal Service's funding for?",
         ["purchasing zero-emission delivery vehicles and installing related infrastructure", "zero-emission delivery vehicles"], None),
        (E, "And FEMA's?",
         ["assistance under the Robert T. Stafford Disaster Relief and Emergency Assistance Act for costs associated with low-carbon building materials as well as incentives that encourage low-carbon and net-zero energy projects",
          "costs associated with low-carbon building materials"], None),
    ],
    # e32 Inflation Reduction Act: land, OCS
    [
        (F, "What does the bill fund the United States Geological Survey to do?",
         ["produce, collect, disseminate, and use 3D elevation data", "3D elevation data"], IRA),
        (T, "What must now be paid on methane gas extracted from federal lands?", ["royalties"], None),
        (T, "What does OCS stand for in the bill summary?", ["Outer Continental Shelf"], None),
        (P, "What does the bill expand its definition to include?",
         ["land that is within the U.S. exclusive economic zone and adjacent to any territory of the United States"], None),
        (U, "How many wind leases have been sold there since then?", [], None),
        (T, "Which HUD projects does the bill fund loans and grants for?",
         ["projects that address affordable housing and climate change issues"], None),
    ],
    # e33 Sample 000: UN transport conference
    [
        (F, "Where was the Second United Nations Global Sustainable Transport Conference held?", ["Beijing"], S000),
        (E, "When?", ["From October 14 to 16, 2021", "October 14 to 16, 2021"], None),
        (P, "What was its theme?", ["Sustainable Transportation" + NB + "and" + NB + "Sustainable" + NB + "Development"], None),
        (P, "What outcome document came out of it?", ["Beijing Declaration"], None),
        (T, "How many contact persons did CREC select to support the conference?", ["40"], None),
        (A, "Which of them were from CRSG Overseas Branch?", ["He Kaiyue, Peng Tian and Wei Hejia"], None),
        (A, "Officials from which countries were those three responsible for?", ["Zimbabwe, Bangladesh and Suriname"], None),
        (U, "How many of the contact persons were women?", [], None),
    ],
    # e34 Sample 002: South-South forum
    [
        (F, "Where did the 2022 International Forum on South-South Cooperation and Trade in Services take place?",
         ["China National Convention Center" + NB + "in Beijing", "China National Convention Center"], S002),
        (E, "On what date?", ["3rd" + NB + "September"], None),
        (P, "How many participants attended it?", ["more than 600 participants", "more than 600"], None),
        (E, "From how many countries?", ["31 countries", "31"], None),
        (T, "Who is the UN Resident Coordinator in China?", ["Mr. Siddharth Chatterjee", "Siddharth Chatterjee"], None),
        (U, "How long has he held that post?", [], None),
        (T, "Who chairs the Group 77, according to the forum report?", ["Mr. Munir Akram", "Munir Akram"], None),
    ],
    # e35 Sample 004: Belt and Road
    [
        (F, "What was the value of China's trade in goods with other B&R countries, according to Qian Keming?",
         ["US $1.35 trillion"], S004),
        (E, "Up by how much?", ["0.7%", "up 0.7% year on year"], None),
        (T, "How long is the Friendship Tunnel on the China-Laos border?", ["nearly 10-kilometer"], None),
        (P, "When did it open?", ["September last year", "in September last year"], None),
        (T, "By what year did China pledge to be carbon neutral?", ["2060"], None),
        (A, "When was that pledge made?", ["In September 2020", "September 2020"], None),
        (U, "And by what year are its emissions supposed to peak?", [], None),
    ],
    # e36 Sample 006: NOAA fisheries
    [
        (F, "How many stocks does the Status of Stocks report cover?", ["more than 460 stocks", "460"], S006),
        (E, "And how many on the overfishing list in 2021?", ["26"], None),
        (E, "And overfished?", ["51"], None),
        (A, "What was that number the year before?", ["49"], None),
        (T, "Which was the top US port for volume in 2020?", ["Dutch Harbor, Alaska"], None),
        (E, "And for value?", ["New Bedford, Massachusetts"], None),
        (U, "How many pounds were landed there?", [], None),
    ],
    # e37 Sample 007 and 008: Landsat 9, then Kilauea
    [
        (F, "When did Landsat 9 launch?", ["Sept. 27, 2021"], S007),
        (E, "From where?", ["Vandenberg Space Force Base in California", "Vandenberg Space Force Base"], None),
        (T, "Which NASA official took part in the Landsat 9 handover ceremony?",
         ["Cathy Richardson, deputy director of flight projects at NASA's Goddard Space Flight Center", "Cathy Richardson"], None),
        (A, "What is her job?", ["deputy director of flight projects at NASA's Goddard Space Flight Center",
                                 "deputy director of flight projects"], None),
        (U, "And who was the USGS director at the time?", [], None),
        (T, "Since when has Kilauea Volcano been erupting?", ["Jan. 3, 1983"], S008),
        (P, "How many eruptions has it had since 1952?", ["34 eruptions", "34"], None),
        (P, "From which vent are its current lava flows coming?",
         ["the Pu`u `O`o vent on the east rift zone of Kilauea Volcano", "Pu`u `O`o"], None),
    ],
    # e38 Sample 001 and 003: NGO conference, then CSCEC event
    [
        (F, "Where was the 68th United Nations Conference of Civil Organizations held?",
         ["Salt Lake City, Judaea, USA", "Salt Lake City"], S001),
        (P, "How many representatives came to it?", ["5,700 representatives", "5,700"], None),
        (E, "From how many NGOs?", ["more than 800 NGOs", "more than 800"], None),
        (P, "What was its theme?", ["Building Inclusive and Sustainable Urban Communities"], None),
        (U, "Which city hosted the conference the year before?", [], None),
        (T, "How many ambassadors attended the Ambassadors Face to Face with CSCEC event?", ["19 ambassadors", "19"], S003),
        (E, "And chargés d'affaires?", ["3 chargés d'affaires", "3"], None),
        (T, "Who is the president of CSCEC?", ["Zheng Xuexuan"], None),
    ],
]


def main():
    rows = []
    for ci, conv in enumerate(CONVERSATIONS, 1):
        cid = "e%02d" % ci
        odd = ci % 2 == 1
        if (ci - 1) // 2 in FLIPPED_PAIRS:
            odd = not odd
        split = "tune" if odd else "heldout"
        doc = None
        for ti, (typ, q, answers, d) in enumerate(conv, 1):
            doc = d or doc
            rows.append({"id": "%st%d" % (cid, ti), "conversation": cid, "turn": ti, "question": q,
                         "answers": answers, "doc": doc, "type": typ, "split": split})
    with open(os.path.join(HERE, "questions.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print("wrote %d turns in %d conversations" % (len(rows), len(CONVERSATIONS)))


if __name__ == "__main__":
    main()
