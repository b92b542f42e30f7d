"""Writes questions.jsonl of the blind2/chat set (standard library only). Run from anywhere:
    python3 build_questions.py
Each conversation: (doc, [turns]); a turn is (question, answers, type) or (question, answers, type, doc)
where the 4th item moves the conversation to another document (topic shifts); later turns keep that doc.
"""
import json
import os

J = "albert_sidney_johnston_wikipedia.txt"
D = "debian_brief_history.txt"
K = "kennedy_state_of_the_union_1963.txt"
L = "logrotate_manual_page.txt"
P = "python_2_0_whats_new.txt"

F, PR, AR, EL, TS, UN = "first", "pronoun", "answer_reference", "ellipsis", "topic_shift", "unanswerable_followup"

CONVS = [
    # c01
    (J, [
        ("Where was Albert Sidney Johnston born?", ["Washington, Kentucky"], F),
        ("where did he go to school first", ["Transylvania University"], PR),
        ("who did he meet there?", ["Jefferson Davis"], AR),
        ("what year did he graduate from West Point?", ["1826"], PR),
        ("and where did he place in his class?", ["eighth of 41 cadets", "eighth"], EL),
        ("what did he study there", [], UN),
        ("Who led Debian from April 2017 until April 2019?", ["Chris Lamb"], TS, D),
    ]),
    # c02
    (J, [
        ("Who was Albert Sidney Johnston's first wife?", ["Henrietta Preston"], F),
        ("what did she die of?", ["tuberculosis"], AR),
        ("who did he marry after her?", ["Eliza Griffin"], PR),
        ("what year?", ["1843"], EL),
        ("how old was Eliza when they got married?", [], UN),
        ("ok different thing - who founded Debian?", ["Ian Murdock"], TS, D),
        ("what was his wife's name", ["Debra"], AR),
    ]),
    # c03
    (J, [
        ("When did Albert Sidney Johnston become senior brigadier general in command of the Texas Army?", ["January 31, 1837"], F),
        ("who did he fight a duel with a week after that?", ["Felix Huston"], AR),
        ("where did he get hit", ["in the pelvis", "pelvis"], PR),
        ("who made him Secretary of War?", ["Mirabeau B. Lamar"], PR),
        ("which president of Texas was that guy", ["the second president of the Republic of Texas", "second president"], AR),
        ("how many votes did Lamar win the presidency with?", [], UN),
    ]),
    # c04
    (J, [
        ("Which president made Albert Sidney Johnston colonel of the 2nd U.S. Cavalry?", ["Franklin Pierce"], F),
        ("in what year", ["1855"], EL),
        ("what promotion did he get for the Utah War?", ["a brevet promotion to brigadier general", "brigadier general"], PR),
        ("when?", ["1857"], EL),
        ("how many troops did he lead into Utah?", [], UN),
        ("what does the -d option do in logrotate?", ["Turn on debug mode"], TS, L),
    ]),
    # c05
    (J, [
        ("At what time was Albert Sidney Johnston wounded at Shiloh?", ["about 2:30 p.m.", "2:30 p.m."], F),
        ("where did the bullet hit him?", ["behind his right knee"], PR),
        ("and what artery did it clip", ["popliteal artery"], PR),
        ("what were his last words?", ["Yes... and I fear seriously."], PR),
        ("who was he saying that to?", ["Isham G. Harris", "Harris"], AR),
        ("what office did that man hold?", ["the Governor of Tennessee", "Governor of Tennessee"], AR),
        ("how old was Harris at the time?", [], UN),
    ]),
    # c06
    (J, [
        ("Where was Albert Sidney Johnston first buried?", ["New Orleans"], F),
        ("and later?", ["the Texas State Cemetery in Austin", "Texas State Cemetery"], EL),
        ("in which year?", ["1867"], EL),
        ("who designed the monument at his grave?", ["Elisabet Ney"], PR),
        ("how much did her monument cost", [], UN),
        ("switching topics: in the 1963 State of the Union, how many Peace Corps volunteers were on the job a year earlier?", ["less than 900"], TS, K),
        ("and a year from then?", ["more than 9,000"], EL),
    ]),
    # c07
    (J, [
        ("On what date was Albert Sidney Johnston given command of the Confederacy west of the Allegheny Mountains?", ["September 10, 1861"], F),
        ("how many men did he have spread across Kentucky, Tennessee, Arkansas and Missouri?", ["fewer than 40,000 men", "fewer than 40,000"], PR),
        ("how many of those in Missouri", ["10,000"], EL),
        ("who commanded them?", ["Sterling Price", "Maj. Gen. Sterling Price"], AR),
        ("and how many cannons did Johnston have?", [], UN),
        ("Who surrendered Fort Donelson?", ["Simon Buckner", "Brig. Gen. Simon Buckner"], TS),
        ("and Fort Henry?", ["Lloyd Tilghman", "Brig. Gen. Lloyd Tilghman"], EL),
    ]),
    # c08
    (J, [
        ("How many casualties did the Confederates suffer at Fort Donelson?", ["about 1,500 casualties", "about 1,500"], F),
        ("and how many were taken prisoner?", ["an estimated 12,000 to 14,000", "12,000 to 14,000"], EL),
        ("what about Union casualties", ["500 killed, 2,108 wounded, 224 missing"], EL),
        ("who got away from it with his cavalry before it surrendered?", ["Nathan Bedford Forrest", "Colonel Nathan Bedford Forrest"], PR),
        ("how many men did he take with him?", ["about 700 men", "about 700"], AR),
        ("where did he go after escaping?", [], UN),
        ("In his 1963 State of the Union, what did Kennedy call the wall dividing Berlin?", ["the wall of shame", "wall of shame"], TS, K),
    ]),
    # c09
    (D, [
        ("When was the Debian Project officially founded?", ["August 16th, 1993"], F),
        ("by whom?", ["Ian Murdock"], EL),
        ("where was he studying at the time?", ["Purdue University"], AR),
        ("who sponsored it for a year?", ["the FSF's GNU project", "GNU Project of The Free Software Foundation"], PR),
        ("from when to when?", ["November 1994 to November 1995"], EL),
        ("how much money did they give?", [], UN),
        ("What command does logrotate's shred option use to delete log files?", ["shred -u"], TS, L),
    ]),
    # c10
    (D, [
        ("What is the official pronunciation of Debian?", ["'deb ee n'", "deb ee n"], F),
        ("where does its name come from?", ["the names of the creator of Debian, Ian Murdock, and his wife, Debra"], PR),
        ("what was her maiden name?", [], UN),
        ("What is logrotate's default state file?", ["/var/lib/logrotate/status"], TS, L),
        ("what exit value does it give if it can't get the lock on it", ["3"], PR),
        ("and the default mail command?", ["/usr/bin/mail"], EL),
    ]),
    # c11
    (D, [
        ("Who led Debian from April 1996 until December 1997?", ["Bruce Perens"], F),
        ("where was he working when Buzz came out?", ["Pixar"], AR),
        ("what did that company make", ["the movies", "Toy Story"], AR),
        ("what distribution CD was he trying to make when he got into Debian?", ["Linux for Hams"], PR),
        ("who took over from him as leader?", ["Ian Jackson"], PR),
        ("when?", ["at the beginning of January, 1998", "January 1998", "January, 1998"], EL),
        ("why did Perens step down?", [], UN),
    ]),
    # c12
    (D, [
        ("What was the first Debian release with a code name?", ["Debian 1.1 Buzz", "1.1 Buzz", "Buzz"], F),
        ("who was it named after", ["Buzz Lightyear"], AR),
        ("how many packages?", ["474 packages", "474"], EL),
        ("and Rex?", ["848 packages", "848"], EL),
        ("what was it named after?", ["the plastic dinosaur", "plastic dinosaur"], PR),
        ("how many developers worked on Buzz?", [], UN),
        ("Which street in Los Angeles is named after Albert Sidney Johnston?", ["Johnston Street"], TS, J),
    ]),
    # c13
    (D, [
        ("Which CD vendor accidentally shipped a development release as Debian 1.0?", ["InfoMagic"], F),
        ("when did Debian and that vendor announce it?", ["December 11th 1995"], AR),
        ("what did they rename their next release to?", ["Debian 1.1"], PR),
        ("Where was the first DebConf held?", ["Bordeaux, France", "Bordeaux"], TS),
        ("and on what dates?", ["from the 5th to the 9th of July 2000", "5th to the 9th of July 2000"], EL),
        ("how many people attended it", [], UN),
    ]),
    # c14
    (D, [
        ("Which Debian release introduced apt?", ["Debian 2.1 Slink", "2.1 Slink", "Slink", "Debian 2.1"], F),
        ("when did that one come out?", ["March 9th, 1999", "09 March, 1999"], AR),
        ("which architectures were added in it?", ["Alpha and SPARC", "Alpha and Sparc"], PR),
        ("how many CDs?", ["2 CDs", "2 CD-ROMs"], EL),
        ("who was project leader then", ["Wichert Akkerman"], PR),
        ("how big was it in megabytes?", [], UN),
        ("What new fundamental data type did Python 2.0 add?", ["Unicode strings"], TS, P),
    ]),
    # c15
    (D, [
        ("How many physical source lines of code did Debian 2.2 have?", ["more than 55,000,000 physical SLOC", "more than 55,000,000"], F),
        ("and what would it have cost with traditional proprietary methods?", ["close to $1.9 billion USD", "$1.9 billion USD"], EL),
        ("who wrote the article with those numbers?", ["Jesús González Barahona"], AR),
        ("what share of it was C?", ["about 70%"], PR),
        ("C++?", ["about 10%"], EL),
        ("and Perl?", [], UN),
        ("When was Python 2.0 released?", ["October 16, 2000"], TS, P),
    ]),
    # c16
    (D, [
        ("Who started the first port of Debian?", ["Hartmut Koptein"], F),
        ("for which processor family?", ["the Motorola m68k family", "Motorola m68k"], EL),
        ("what machine was he using", ["an Atari Medusa 68040, 32 MHz", "Atari Medusa 68040"], PR),
        ("how many packages had he uploaded by November 1995?", ["200 packages", "200"], PR),
        ("out of how many?", ["250 available packages", "250"], AR),
        ("which other port did he start later?", ["the PowerPC family", "PowerPC"], PR),
        ("when did that one get started?", [], UN),
    ]),
    # c17
    (K, [
        ("In his 1963 State of the Union, how many months of uninterrupted economic recovery did Kennedy say America had enjoyed?", ["22 months"], F),
        ("what did he say unemployment had been at or above?", ["5 percent"], PR),
        ("for how long?", ["61 out of the past 62 months"], EL),
        ("how much did he want the permanent tax cut to lower liabilities by", ["$13.5 billion"], PR),
        ("how much of that comes from the individual rates?", ["$11 billion"], AR),
        ("and from corporate rates?", ["Two and one-half billion dollars"], EL),
        ("how much would someone in the top bracket save?", [], UN),
    ]),
    # c18
    (K, [
        ("What range did Kennedy propose for individual income tax rates in 1963?", ["14 to 65 percent"], F),
        ("and what was the range at the time?", ["between 20 and 91 percent", "20 and 91 percent"], EL),
        ("what corporate rate did he want?", ["47 percent"], PR),
        ("down from?", ["52 percent"], EL),
        ("over how many years did he want them phased in", ["3 calendar years"], PR),
        ("did he say what year the budget would be balanced?", [], UN),
        ("Which Debian release was named for the piggy-bank?", ["Debian 2.0 Hamm", "Hamm"], TS, D),
    ]),
    # c19
    (K, [
        ("According to Kennedy's 1963 address, how many 5th graders won't finish high school?", ["4 out of every 10"], F),
        ("and how many young Americans did he say were out of school and out of work?", ["one million"], PR),
        ("by how much did he say medical schools needed to expand?", ["50 percent"], PR),
        ("and dental schools?", ["100 percent"], EL),
        ("over what period?", ["the next 10 years", "10 years"], EL),
        ("What is logrotate's default compressoptions value for gzip?", ["-6"], TS, L),
        ("and for bzip2?", [], UN),
    ]),
    # c20
    (K, [
        ("How much did Kennedy say the government had in storage and stockpiles in 1963?", ["more than $ 16 billion", "$ 16 billion"], F),
        ("how much of that is farm surpluses", ["$7.5 billion"], AR),
        ("and strategic materials?", ["$8.5 billion"], EL),
        ("what share of the land did he say urban areas take up?", ["only 2 percent", "2 percent"], PR),
        ("and how many citizens live there?", ["Nearly three-fourths", "three-fourths"], PR),
        ("how much federal money did he propose for mass transit?", [], UN),
        ("Who contributed the patch for the f(*args, **kw) call syntax in Python 2.0?", ["Greg Ewing"], TS, P),
    ]),
    # c21
    (K, [
        ("Who did Kennedy say he laid plans with last month for a common nuclear defense, in the 1963 address?", ["Prime Minister Macmillan", "Macmillan"], F),
        ("what was the agreement they made called?", ["The Nassau agreement", "Nassau agreement"], AR),
        ("which country did it say will be a nuclear power in the future?", ["France"], PR),
        ("How many classrooms is the Alliance for Progress building?", ["17,000 classrooms", "17,000"], TS),
        ("and school books?", ["1.5 million school books", "1.5 million"], EL),
        ("what share of school age children in Latin America is it feeding?", ["one out of every four"], PR),
        ("how much does it cost per year", [], UN),
    ]),
    # c22
    (K, [
        ("How much did Kennedy say would be spent on nuclear weapons systems alone in 1963?", ["more than $15 billion"], F),
        ("that's about equal to what?", ["the combined defense budgets of our European Allies"], AR),
        ("Who gave his life over the island of Cuba, according to the 1963 State of the Union?", ["Major Rudolf Anderson"], TS),
        ("and who was killed in Viet-Nam?", ["Sergeant Gerald Pendell"], EL),
        ("on the border of South Korea?", ["Specialist James Allen Johnson"], EL),
        ("when did Anderson die?", [], UN),
        ("Who does Kennedy quote about \"leaving Fear astern\" at the end of his 1963 State of the Union?", ["Thomas Jefferson"], TS),
    ]),
    # c23
    (L, [
        ("How is logrotate normally run?", ["as a daily cron job"], F),
        ("what does it do if you give it a directory on the command line?", ["every file in that directory is used as a config file"], PR),
        ("which option makes it force a rotation", ["-f, --force", "--force"], PR),
        ("and verbose mode?", ["-v, --verbose", "--verbose"], EL),
        ("what's the short option for --skip-state-lock?", [], UN),
        ("Who led Debian from April 2010 until April 2013?", ["Stefano Zacchiroli"], TS, D),
    ]),
    # c24
    (L, [
        ("In the logrotate man page's sample config, how many rotations does /var/log/messages go through?", ["five weekly rotations", "five"], F),
        ("and the httpd logs?", ["5 rotations", "rotate 5"], EL),
        ("at what size do they get rotated?", ["100 kilobytes", "100k"], PR),
        ("where do their old logs get mailed?", ["recipient@example.org"], PR),
        ("what about the files in /var/log/news, how often?", ["on a monthly basis", "monthly"], EL),
        ("what time of day does that rotation happen?", [], UN),
    ]),
    # c25
    (L, [
        ("What does weekday 0 mean for logrotate's weekly directive?", ["Sunday"], F),
        ("and 6?", ["Saturday"], EL),
        ("7?", ["each 7 days, irrespectively of weekday"], EL),
        ("What was the name of Albert Sidney Johnston's horse?", ["Fire Eater"], TS, J),
        ("where was it taken along with his body?", ["his field headquarters on the Corinth road", "field headquarters on the Corinth road"], AR),
        ("what breed was it", [], UN),
    ]),
    # c26
    (L, [
        ("What command does logrotate use by default to compress old logs?", ["gzip(1)", "gzip"], F),
        ("and to uncompress?", ["gunzip(1)", "gunzip"], EL),
        ("which option postpones it until the next rotation cycle?", ["delaycompress"], PR),
        ("does that one work without compress?", ["This only has effect when used in combination with compress", "only has effect when used in combination with compress"], AR),
        ("how much smaller do logs get with gzip at -6?", [], UN),
        ("Who implemented augmented assignment in Python 2.0?", ["Thomas Wouters"], TS, P),
        ("what other patch did he submit?", ["Modules can now be renamed on importing them", "import module as name"], AR),
    ]),
    # c27
    (L, [
        ("What's the default dateformat in logrotate?", ["-%Y%m%d"], F),
        ("and for hourly?", ["-%Y%m%d%H"], EL),
        ("which specifiers does it allow?", ["%Y %m %d %H %M %S %V and %s"], PR),
        ("and for %s to work the system clock has to be set past...?", ["Sep 9th 2001"], EL),
        ("what timezone does it use for the date?", [], UN),
        ("What is the default maximum recursion depth in Python 2.0?", ["1000"], TS, P),
        ("which function lets you change it?", ["sys.setrecursionlimit()"], PR),
    ]),
    # c28
    (L, [
        ("Which shell does logrotate use to run prerotate and postrotate scripts?", ["/bin/sh"], F),
        ("what user do they run as?", ["the invoking user and group", "invoking user"], PR),
        ("even with su set?", ["irrespective of any su directive"], EL),
        ("Who wrote What's New in Python 2.0?", ["A.M. Kuchling and Moshe Zadka"], TS, P),
        ("which magic method did the second one contribute?", ["__contains__()", "__contains__"], AR),
        ("what company did he work for?", [], UN),
    ]),
    # c29
    (P, [
        ("What was Python 1.6 jokingly called?", ["the Contractual Obligations Python release", "Contractual Obligations Python release"], F),
        ("what was its most significant new feature?", ["Unicode support"], PR),
        ("when did its final release come out", ["September 5, 2000"], PR),
        ("what else came out that same day?", ["2.0beta1"], AR),
        ("how many downloads did 1.6 get?", [], UN),
        ("What did Debian 2.0 make the transition to?", ["libc6", "glibc2"], TS, D),
    ]),
    # c30
    (P, [
        ("When did the Python developers start using SourceForge?", ["May 2000"], F),
        ("and how many people could check in changes by September 2000?", ["27 people", "27"], EL),
        ("and before the move?", ["roughly 7 or so people", "7 or so"], EL),
        ("whose approval process is theirs similar to?", ["the Apache group", "Apache"], PR),
        ("how long does a vote stay open?", [], UN),
        ("What does PEP stand for?", ["Python Enhancement Proposal"], TS),
        ("how many of them were there as of September 2000?", ["25 PEPS", "25"], AR),
    ]),
    # c31
    (P, [
        ("How many bits does Unicode use per character, according to What's New in Python 2.0?", ["16-bit numbers", "16-bit"], F),
        ("and ASCII?", ["8-bit number", "8-bit"], EL),
        ("so how many distinct characters can it support", ["65,536"], PR),
        ("who mostly implemented it in Python?", ["Marc-André Lemburg"], PR),
        ("whose implementation was his work based on?", ["Fredrik Lundh"], AR),
        ("and what regex engine did that guy write?", ["SRE"], AR),
        ("which company did Lemburg work for?", [], UN),
    ]),
    # c32
    (P, [
        ("Which programming language did list comprehensions originally come from?", ["Haskell"], F),
        ("who wrote the initial patch for them in Python?", ["Greg Ewing"], PR),
        ("and kept it up to date?", ["Skip Montanaro"], EL),
        ("Who wrote the early implementation of cycle detection for Python 2.0's garbage collection?", ["Toby Kelsey"], TS),
        ("and who suggested the current algorithm?", ["Eric Tiedemann"], EL),
        ("where was he visiting when he suggested it?", ["CNRI"], AR),
        ("how much slower does Python get with it?", [], UN),
        ("which configure switch turns it off?", ["--without-cycle-gc"], PR),
    ]),
    # c33
    (P, [
        ("What does int('123', 16) return in Python 2.0?", ["291"], F),
        ("and int(123, 16)?", ["raises a TypeError exception", "TypeError"], EL),
        ("Which two new exceptions in Python 2.0 are subclasses of SyntaxError?", ["TabError and IndentationError"], TS),
        ("when are they raised?", ["when Python code is found to be improperly indented"], PR),
        ("Who did most of the work porting Python to 64-bit Windows on Itanium?", ["Trent Mick"], TS),
        ("which company was he at?", ["ActiveState"], AR),
        ("when did that port ship?", [], UN),
    ]),
]

# whole conversations alternate between the splits; SPLIT_FLIP lists conversations whose default was swapped
SPLIT_FLIP = set()


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    rows = []
    for i, (doc, turns) in enumerate(CONVS, 1):
        conv = "c%02d" % i
        split = "tune" if (i % 2 == 1) != (conv in SPLIT_FLIP) else "heldout"
        cur = doc
        for t, turn in enumerate(turns, 1):
            q, answers, typ = turn[:3]
            if len(turn) > 3:
                cur = turn[3]
            rows.append({"id": "%st%d" % (conv, t), "conversation": conv, "turn": t, "question": q,
                         "answers": answers, "doc": cur, "type": typ, "split": split})
    with open(os.path.join(here, "questions.jsonl"), "w", encoding="utf-8") as f:
        for r in rows:
            f.write(json.dumps(r, ensure_ascii=False) + "\n")
    print(len(rows), "turns,", len(CONVS), "conversations")


if __name__ == "__main__":
    main()
