"""What `manage.py load_demo_data` puts into an empty database.

Dates count back from the day the command runs, so the demo always looks current.
Sightings have a key by which cell notes and follow-ups refer to them; stories,
purposes and note bodies are tuples of Markdown paragraphs.
"""

PASSWORD = "observatory-demo"

TRUSTING = "doubting-to-trusting"
ENABLING = "controlling-to-enabling"
CO_OPERATING = "competing-to-co-operating"
PERSONALISED = "standardised-to-personalised"
WE = "me-to-we"

# (username, display name)
CONVENORS = [("amara", "Amara"), ("gareth", "Gareth"), ("siobhan", "Siobhán")]
PRACTITIONERS = [("priya", "Priya"), ("callum", "Callum"), ("bethan", "Bethan")]

# Published; date_observed is `days_ago` days before today.
SIGHTINGS = [
    {
        "key": "lunch-club",
        "title": "A street WhatsApp group that became a Thursday lunch club",
        "summary": (
            "Forty households set up a group chat in the first lockdown to fetch shopping. The "
            "errands stopped long ago, but the chat turned into a weekly lunch in a front room "
            "that is still going."
        ),
        "place": "Hackney, London",
        "days_ago": 1065,
        "setting": "neighbourhood-and-community",
        "connection": "bonding",
        "shifts": [WE, TRUSTING],
        "themes": ["mutual aid", "covid-19", "loneliness", "food"],
        "author": "priya",
        "story": (
            "The group began in March 2020 with a leaflet through every door on the street: *if "
            "you are stuck indoors, message this number*. Within a week forty households had "
            "joined and people were collecting prescriptions for neighbours whose names they had "
            "never known.",
            "When the restrictions lifted, the requests dried up and everyone expected the chat to "
            "go quiet. Instead, one of the older residents asked whether the people who had "
            "shopped for her would come round for soup. Eleven came. It has happened every "
            "Thursday since, moving between three front rooms and, in summer, the pavement.",
            "Nobody runs it. There is no committee, no bank account and no funding bid; whoever is "
            "hosting puts a message in the chat on Wednesday night and people bring bread or a "
            "pudding. Two of the regulars say it is the only fixed point in their week.",
        ),
    },
    {
        "key": "gp-reception",
        "title": "Receptionists at a GP practice trusted to use their judgement",
        "summary": (
            "A valleys surgery stopped making its reception team follow a fixed script and let "
            "them decide who needs a call back, a same-day slot or a cup of tea and a chat with "
            "the community connector."
        ),
        "place": "Merthyr Tydfil",
        "days_ago": 1040,
        "setting": "health-and-care",
        "connection": "bridging",
        "shifts": [TRUSTING, PERSONALISED],
        "themes": ["primary care", "social prescribing", "loneliness"],
        "author": "amara",
        "story": (
            "For years the reception desk at this practice worked from a flowchart. Patients who "
            "rang at 8 a.m. were triaged by the same questions in the same order, and staff said "
            "they felt like a barrier rather than a way in.",
            "After a run of complaints, the practice manager and the partners tried something "
            "different: the receptionists, most of whom have lived in the town all their lives, "
            "were told they could use their own judgement. They now keep a short list of regulars "
            "who struggle on the phone and ring them back themselves, and they can book people "
            "straight in with the practice's community connector without a GP referral.",
            "One receptionist described it as being allowed to do the job she had always wanted to "
            "do. The practice says complaints have fallen and the number of repeat calls from the "
            "same few people has dropped, because someone now notices when a person is lonely "
            "rather than ill.",
        ),
    },
    {
        "key": "tenants-budget",
        "title": "A council hands an estate's improvement budget to the tenants' association",
        "summary": (
            "Instead of deciding centrally how to spend a small estate improvement fund, the "
            "council gave the money to the tenants' association and agreed to abide by whatever "
            "residents chose."
        ),
        "place": "Byker, Newcastle upon Tyne",
        "days_ago": 1010,
        "setting": "local-government",
        "connection": "both",
        "shifts": [ENABLING, TRUSTING],
        "themes": ["tenants", "participatory budgeting", "housing"],
        "author": "gareth",
        "story": (
            "The sum was modest, a little under £40,000 a year, and until then it had been "
            "allocated by officers from a list of repairs and 'environmental improvements'. "
            "Residents said they rarely noticed where it went.",
            "This year the council transferred it to the tenants' association with a one-page "
            "agreement. The association held three open evenings in the community centre, put up a "
            "ballot box in the corner shop and asked children to draw what they wanted. The "
            "winning ideas were better lighting on the path to the bus stop, benches outside the "
            "flats, and a tool library in an empty garage.",
            "The officer who negotiated the arrangement admitted that colleagues had worried about "
            "'losing control'. What surprised her most was how carefully the money was spent, and "
            "how many residents who had never come to a meeting turned up to count votes.",
        ),
    },
    {
        "key": "pantry",
        "title": "A lockdown mutual aid group becomes a community pantry with its own constitution",
        "summary": (
            "Volunteers who delivered food parcels during the pandemic have formed a constituted "
            "association and run a members' pantry from a former betting shop."
        ),
        "place": "Tower Hamlets, London",
        "days_ago": 995,
        "setting": "neighbourhood-and-community",
        "connection": "bonding",
        "shifts": [WE, ENABLING],
        "themes": ["mutual aid", "covid-19", "food", "community hubs"],
        "author": "siobhan",
        "story": (
            "The mutual aid group that covered a handful of streets here delivered hundreds of "
            "parcels in 2020 and 2021. By 2023 the volunteers faced a choice: wind down or turn "
            "the goodwill into something that could last.",
            "They chose to formalise, but only just enough. The group wrote a short constitution, "
            "opened a bank account and persuaded a landlord to let them use an empty shop for a "
            "peppercorn rent. Members pay a few pounds a week and choose their own food, which "
            "several said felt very different from being handed a bag.",
            "The volunteers are careful not to become a charity that does things *to* people. "
            "Anyone who uses the pantry can join the committee, and three of the seven current "
            "trustees first came through the door as members.",
        ),
    },
    {
        "key": "homecare-hour",
        "title": "A homecare agency replaces fifteen-minute visits with hour-long ones",
        "summary": (
            "A small domiciliary care provider negotiated with the council to book its care "
            "workers for whole hours with the same few clients, rather than a stopwatch of short "
            "calls across town."
        ),
        "place": "Hastings",
        "days_ago": 975,
        "setting": "health-and-care",
        "connection": "bridging",
        "shifts": [PERSONALISED, TRUSTING],
        "themes": ["social care", "older people", "loneliness"],
        "author": "bethan",
        "story": (
            "Care workers here used to be scheduled for visits of fifteen or thirty minutes, often "
            "with travel time unpaid, and rarely saw the same client twice in a week. Clients said "
            "they had to explain themselves to a stranger every morning.",
            "The provider proposed a trial: each care worker would have a small, fixed group of "
            "clients, and the council would commission blocks of time rather than individual "
            "tasks. Within those blocks the care worker and the client decide together what "
            "matters that day, whether that is a shower, a walk to the post office or sorting the "
            "post.",
            "Staff turnover, which had been over forty per cent a year, fell sharply during the "
            "trial. One client, a retired bus driver, put it simply: 'She knows how I take my tea, "
            "and she knows when I'm not right.'",
        ),
    },
    {
        "key": "uniform-swap",
        "title": "A uniform swap at the school gate grows into a parents' network",
        "summary": (
            "Parents at a primary school set up a rail of outgrown uniform by the gate. It now has "
            "a rota, a group chat and a monthly coffee morning that draws parents who rarely came "
            "into school."
        ),
        "place": "Blackpool",
        "days_ago": 950,
        "setting": "education",
        "connection": "bonding",
        "shifts": [WE],
        "themes": ["schools", "mutual aid", "cost of living"],
        "author": "priya",
        "story": (
            "It started with one rail and a cardboard sign: *take what fits, leave what doesn't*. "
            "A couple of mothers who had swapped clothes informally during the pandemic asked the "
            "head whether they could do it openly, and she found them a corner of the playground.",
            "The rail was busy from the first week. Parents who came for a jumper stayed to talk, "
            "and the organisers started a group chat for anyone who wanted to help. There is now a "
            "rota of about a dozen parents, a coffee morning in the school hall on the first "
            "Friday of the month and a shelf of PE kits and winter coats.",
            "Staff say they have got to know families they had only ever met at parents' evening. "
            "The organisers insist it stays run by parents: 'The minute it becomes a school "
            "scheme, half the people who need it will stop coming.'",
        ),
    },
    {
        "key": "jobcentre-library",
        "title": "A work coach who keeps the same people and meets them in the library",
        "summary": (
            "One employment adviser negotiated to keep a small caseload for a year and to meet "
            "people in the central library rather than across a desk with a screen between them."
        ),
        "place": "Swansea",
        "days_ago": 925,
        "setting": "employment",
        "connection": "bridging",
        "shifts": [PERSONALISED, TRUSTING],
        "themes": ["employment support", "libraries"],
        "author": "callum",
        "story": (
            "Most people looking for work here see a different adviser every few weeks. One work "
            "coach asked whether she could try the opposite: a caseload of about thirty people who "
            "had been out of work for a long time, seen by her and only her, for a whole year.",
            "She also moved the meetings. The library has a quiet room, free computers and a café, "
            "and people who found the jobcentre intimidating were more at ease there. Several "
            "brought children along during the holidays. She says the conversations changed once "
            "people stopped expecting to be caught out.",
            "Of the first group, a third were in work or training within the year, which her "
            "manager says compares well. More striking to her was how many came back to tell her "
            "when they had found something, even after their claim had closed.",
        ),
    },
    {
        "key": "gurdwara-langar",
        "title": "A gurdwara's kitchen keeps feeding night workers long after lockdown",
        "summary": (
            "During the pandemic a gurdwara sent its free community meal out to hospital night "
            "staff and delivery riders. The tradition has stuck, and it now opens its kitchen late "
            "twice a week for anyone working through the night."
        ),
        "place": "Leicester",
        "days_ago": 900,
        "setting": "faith",
        "connection": "bridging",
        "shifts": [WE],
        "themes": ["faith groups", "food", "covid-19"],
        "author": "amara",
        "story": (
            "The langar, the free communal kitchen that every gurdwara runs, is open to all "
            "regardless of faith. In 2020 volunteers here started packing meals for nurses on "
            "night shifts and for delivery riders waiting outside takeaways on the ring road.",
            "When life returned to something like normal, the riders kept turning up. The "
            "committee decided to make it official: two evenings a week the kitchen stays open "
            "until midnight. On a typical night there are cleaners, security guards, taxi drivers "
            "and a few porters from the hospital, sitting on the floor together.",
            "A volunteer who cooks on Tuesdays said most of the people she feeds are not Sikh and "
            "many had never been inside a gurdwara before. 'They came for food. Now they bring "
            "their friends and ask about the festivals.'",
        ),
    },
    {
        "key": "paid-volunteering",
        "title": "An employer gives staff paid time to volunteer, with no forms to fill in",
        "summary": (
            "A logistics firm lets warehouse and office staff spend half a day a month at local "
            "food banks and youth clubs on full pay, and has dropped the approval forms it used to "
            "insist on."
        ),
        "place": "Wigan",
        "days_ago": 875,
        "setting": "workplace",
        "connection": "bridging",
        "shifts": [TRUSTING, WE],
        "themes": ["volunteering", "food"],
        "author": "gareth",
        "story": (
            "The company had a volunteering policy for years, but hardly anyone used it. Staff had "
            "to find an approved charity, fill in a request form, get two signatures and then "
            "report back afterwards. Take-up was under five per cent.",
            "During the pandemic, managers simply told people to go and help if they could, and "
            "trusted them to arrange it. Dozens did, mostly at two food banks near the depot. When "
            "the emergency ended, the firm kept the looser arrangement: tell your team leader "
            "which afternoon you are going, and go.",
            "Warehouse staff now make up most of the volunteers, which was not the case before. "
            "One forklift driver said he had lived in the town all his life and had never set foot "
            "in the food bank until he was sent there; he now goes on his own time too.",
        ),
    },
    {
        "key": "referral-list",
        "title": "Rival charities share one referral list instead of guarding their own",
        "summary": (
            "Nine advice, housing and food charities that used to compete for the same contracts "
            "now keep a single shared list of who does what, with named people to phone rather "
            "than generic inboxes."
        ),
        "place": "Bradford",
        "days_ago": 850,
        "setting": "voluntary-sector",
        "connection": "bridging",
        "shifts": [CO_OPERATING],
        "themes": ["partnership working", "homelessness", "food"],
        "author": "siobhan",
        "story": (
            "Before, each organisation kept its own directory of services, mostly out of date, and "
            "a person in crisis might be sent to three places before finding the one that could "
            "help. The charities were also bidding against each other for the same council "
            "contracts, so sharing felt risky.",
            "A frontline worker at one of them started a shared spreadsheet with a simple rule: "
            "every service lists a real person and a direct phone number, and updates its entry "
            "once a month. Managers were nervous at first, but the workers kept adding to it "
            "anyway.",
            "It now covers nine organisations and has become the basis for joint case meetings on "
            "Thursday mornings. The charities still bid for contracts, sometimes against one "
            "another, but one manager described the relationship as 'competing on Monday and "
            "co-operating for the rest of the week'.",
        ),
    },
    {
        "key": "food-bank-rota",
        "title": "Food banks across a city agree to stop competing for donations",
        "summary": (
            "Seven independent food projects agreed one shared rota for supermarket collections "
            "and one appeal list, so that donors are no longer pulled in different directions."
        ),
        "place": "Plymouth",
        "days_ago": 800,
        "setting": "voluntary-sector",
        "connection": "bonding",
        "shifts": [CO_OPERATING],
        "themes": ["food", "partnership working", "volunteering"],
        "author": "bethan",
        "story": (
            "The city's food projects grew quickly and separately: church food banks, a pantry, a "
            "community fridge and two school-based schemes. By last winter they were turning up at "
            "the same supermarkets on the same days, and donors were confused by competing "
            "appeals.",
            "The coordinators met in a church hall and drew up a rota on a whiteboard. Each "
            "project now takes its turn at the big stores, and a single weekly list of what is "
            "running short goes out to every congregation and school. Surplus moves between "
            "projects in a borrowed van.",
            "It has not been smooth. Some volunteers felt their project was losing its identity. "
            "But the coordinators say the arrangement has cut waste and that, for the first time, "
            "they phone each other before a problem becomes a crisis.",
        ),
    },
    {
        "key": "probation-cafe",
        "title": "A probation officer who meets people in a café rather than an office",
        "summary": (
            "One probation officer moved most of her supervision meetings from an interview room "
            "to a social enterprise café that employs people with convictions, and says the "
            "conversations are more honest."
        ),
        "place": "Belfast",
        "days_ago": 770,
        "setting": "justice-and-policing",
        "connection": "bridging",
        "shifts": [PERSONALISED, TRUSTING],
        "themes": ["probation", "employment support", "mental health"],
        "author": "callum",
        "story": (
            "Supervision meetings normally happen in a plain interview room with a panic alarm on "
            "the wall. One officer noticed that the people she supervised said very little there, "
            "and that missed appointments often followed a bad meeting.",
            "With her manager's agreement she began meeting those she judged low risk in a café "
            "run by a social enterprise on the Lisburn Road. The staff are used to it and leave "
            "people alone. Meetings last longer but are easier, and some of the people she "
            "supervises have since asked the café about work.",
            "She is clear that this is not about being soft. 'I still have to have the difficult "
            "conversations. They just happen over a coffee, between two people, instead of across "
            "a desk.'",
        ),
    },
    {
        "key": "social-prescribing-time",
        "title": "A social prescriber freed from the six-session limit",
        "summary": (
            "A link worker in a primary care network was allowed to drop the standard six "
            "appointments and see people for as long as it takes, and has become the bridge "
            "between the surgery and the town's clubs and groups."
        ),
        "place": "Barnsley",
        "days_ago": 740,
        "setting": "health-and-care",
        "connection": "bridging",
        "shifts": [PERSONALISED],
        "themes": ["social prescribing", "loneliness", "mental health"],
        "author": "priya",
        "story": (
            "Link workers here were expected to see each patient up to six times, then close the "
            "case. For many people that was nowhere near enough: it can take months before someone "
            "who has been isolated feels ready to walk into a room full of strangers.",
            "After a review, the network let one link worker trial an open-ended approach. She "
            "keeps in touch for as long as people want, goes along to the first meeting of a choir "
            "or a walking group with them, and follows up by phone. Her caseload is smaller but "
            "her notes show far fewer people returning to their GP with the same worries.",
            "The clubs have noticed too. The organiser of a knitting group said the link worker "
            "introduces people by name, with a bit about what they enjoy, 'so we're welcoming a "
            "person, not a referral'.",
        ),
    },
    {
        "key": "community-bus",
        "title": "Community bus drivers who wait, chat and notice",
        "summary": (
            "A volunteer-run bus serving moorland villages is timetabled loosely so that drivers "
            "can wait for passengers, carry shopping to the door and notice when a regular has not "
            "turned up."
        ),
        "place": "Bodmin Moor, Cornwall",
        "days_ago": 715,
        "setting": "other",
        "connection": "bridging",
        "shifts": [PERSONALISED, WE],
        "themes": ["older people", "loneliness", "rural"],
        "author": "siobhan",
        "story": (
            "When the commercial service was cut, a community transport charity stepped in with "
            "two minibuses and a rota of volunteer drivers. The timetable is deliberately loose: "
            "drivers are told to wait if someone is on their way down the lane.",
            "Drivers know most passengers by name. They carry bags to the door, and if a regular "
            "is missing on market day they ring the farm or ask a neighbour. Last winter a driver "
            "found an elderly passenger who had fallen in her kitchen and had been unable to reach "
            "the phone.",
            "The charity's coordinator says the bus is 'a transport service on paper and a social "
            "service in practice'. Several passengers say the journey to town is the main "
            "conversation of their week.",
        ),
    },
    {
        "key": "mens-shed",
        "title": "A men's shed where retired tradesmen teach each other",
        "summary": (
            "Retired men who had lost touch with work and friends meet three mornings a week in a "
            "converted garage to mend furniture, make bird boxes and, mostly, talk."
        ),
        "place": "Carlisle",
        "days_ago": 680,
        "setting": "neighbourhood-and-community",
        "connection": "bonding",
        "shifts": [WE],
        "themes": ["loneliness", "mental health", "older people"],
        "author": "gareth",
        "story": (
            "The shed was started by a widower who missed having somewhere to go in the morning. "
            "He borrowed a garage behind the community centre, put a notice in the paper and "
            "waited. Six men came the first week.",
            "There are now about thirty members, many of them former joiners, mechanics and "
            "engineers. They repair furniture for the local hospice shop and make planters for a "
            "primary school. The tea break is long and unhurried, and members say that is where "
            "the real work happens: conversations about health, grief and money that they would "
            "not have anywhere else.",
            "A GP surgery nearby has begun suggesting the shed to men who come in low or lonely. "
            "The members have asked only that new people are told it is not a 'service' — it is "
            "just a shed.",
        ),
    },
    {
        "key": "conversation-cafe",
        "title": "A conversation café where newcomers and long-time residents teach each other",
        "summary": (
            "A weekly café pairs people learning English with local volunteers, but the volunteers "
            "say they learn as much as they teach: recipes, card games and some Arabic and "
            "Tigrinya."
        ),
        "place": "Dundee",
        "days_ago": 655,
        "setting": "voluntary-sector",
        "connection": "bridging",
        "shifts": [WE, PERSONALISED],
        "themes": ["refugees", "befriending"],
        "author": "amara",
        "story": (
            "The café meets every Wednesday afternoon in a church hall near the city centre. It "
            "began as an English practice session for refugees and asylum seekers, with volunteers "
            "sitting at tables and steering conversation towards useful phrases.",
            "Over time, the roles blurred. Newcomers started bringing food and teaching card "
            "games; some volunteers now come mainly for the company. The organisers stopped using "
            "the word 'volunteer' on name badges so that everyone simply writes their first name.",
            "Friendships have spilled out of the hall: people help each other with school forms, "
            "go to football together and share lifts to the coast. One long-time resident said she "
            "had lived in the city for fifty years and had made more new friends there in a year "
            "than in the previous decade.",
        ),
    },
    {
        "key": "council-shared-pot",
        "title": "Community groups decide together how to share the council's grants",
        "summary": (
            "A council replaced its competitive small-grants round with a shared pot that the "
            "applicant groups divide among themselves at a day-long meeting."
        ),
        "place": "Wrexham",
        "days_ago": 630,
        "setting": "local-government",
        "connection": "both",
        "shifts": [CO_OPERATING, ENABLING],
        "themes": ["partnership working", "participatory budgeting"],
        "author": "gareth",
        "story": (
            "Every year, dozens of small groups wrote bids for the same modest fund and most were "
            "turned down. Officers said the process bred resentment and rewarded those best at "
            "writing forms, not those doing the most good.",
            "Now every group that applies is invited to a Saturday meeting. Each presents its "
            "plans in five minutes, and then the groups themselves agree how the money is shared, "
            "with an officer there only to answer questions and keep time. Nobody walks away "
            "empty-handed, though some get less than they asked for.",
            "Groups that had been rivals found they could share equipment, volunteers and even "
            "premises. One organiser said it was the first time she had sat in a room with the "
            "other youth projects and realised they were 'all doing the same thing on different "
            "nights of the week'.",
        ),
    },
    {
        "key": "night-shelter",
        "title": "A mosque and two churches run a winter night shelter together",
        "summary": (
            "Three congregations that had never worked together take it in turns to host a winter "
            "night shelter, with volunteers from each faith staffing every night."
        ),
        "place": "Oldham",
        "days_ago": 600,
        "setting": "faith",
        "connection": "bridging",
        "shifts": [CO_OPERATING, WE],
        "themes": ["faith groups", "homelessness"],
        "author": "siobhan",
        "story": (
            "Each of the three congregations had wanted to open its doors to people sleeping rough "
            "but none could do it alone: not enough volunteers, not enough space, and worries "
            "about insurance. A chance conversation at a civic event led the imam and two vicars "
            "to try pooling what they had.",
            "The shelter now moves between a mosque, a Methodist church and an Anglican church "
            "through the winter, with a shared rota of volunteers from all three. Guests get an "
            "evening meal, a bed and breakfast, and the same faces each week wherever they sleep.",
            "The volunteers say the unexpected gift has been getting to know each other. "
            "Friendships formed over the washing-up have led to a joint summer fun day and an "
            "interfaith football team.",
        ),
    },
    {
        "key": "allotment",
        "title": "An allotment shared by a mental health service and its neighbours",
        "summary": (
            "A community mental health team took on a derelict allotment, then opened it to the "
            "neighbours. Patients and plot-holders now grow vegetables side by side and it is hard "
            "to tell who is who."
        ),
        "place": "Sheffield",
        "days_ago": 575,
        "setting": "neighbourhood-and-community",
        "connection": "bridging",
        "shifts": [WE, ENABLING],
        "themes": ["mental health", "food", "volunteering"],
        "author": "bethan",
        "story": (
            "The team wanted somewhere outdoors where people could do something useful together. "
            "They took over an overgrown double plot and cleared it with a handful of service "
            "users over a summer.",
            "Plot-holders on either side were wary at first. Then they began lending tools and "
            "swapping seedlings, and the team decided to open the site to anyone on the waiting "
            "list. Today the plot is shared by around twenty people, and the weekly session is "
            "simply 'gardening on Tuesdays'.",
            "One participant said that for years she had been 'a case' and that here she is 'the "
            "one who knows about tomatoes'. The team no longer records who is a patient and who is "
            "not.",
        ),
    },
    {
        "key": "school-timetable",
        "title": "A secondary school rebuilds one pupil's timetable around him",
        "summary": (
            "Rather than exclude a fourteen-year-old who had stopped attending, a school sat down "
            "with him, his gran and a youth worker and built a week he could actually manage."
        ),
        "place": "Leith, Edinburgh",
        "days_ago": 530,
        "setting": "education",
        "connection": "not-sure",
        "shifts": [PERSONALISED, ENABLING],
        "themes": ["schools", "mental health", "youth work"],
        "author": "priya",
        "story": (
            "The boy had missed most of a term and every letter home made things worse. The usual "
            "next step would have been a formal meeting and, probably, a move to another school.",
            "Instead the depute head asked him what a good day would look like. The answer was a "
            "late start, mornings with the youth worker he trusted, practical subjects in the "
            "afternoon and an hour a week in the school kitchen. It took two weeks of rearranging "
            "rooms and staff, and some colleagues grumbled about fairness.",
            "His attendance is now above ninety per cent. Whether this is a shift or simply one "
            "determined member of staff is hard to say — which is why the person who posted it "
            "chose 'not sure' for who was brought together — but the school is now trying the same "
            "approach with four more pupils.",
        ),
    },
    {
        "key": "housing-officers",
        "title": "Housing officers who stay with the same estate for years",
        "summary": (
            "A housing association stopped rotating its officers between patches every eighteen "
            "months, so tenants now deal with someone who knows them, their building and their "
            "history."
        ),
        "place": "Govan, Glasgow",
        "days_ago": 505,
        "setting": "housing",
        "connection": "bridging",
        "shifts": [PERSONALISED, TRUSTING],
        "themes": ["housing", "tenants"],
        "author": "callum",
        "story": (
            "Tenants used to complain that every time they had built up trust with a housing "
            "officer, that officer was moved on. Repairs, rent arrears and neighbour disputes had "
            "to be explained again from the beginning.",
            "The association's board agreed to fix officers to a patch for at least five years and "
            "to reduce the number of homes each one covers. Officers now have a desk in the local "
            "community flat one day a week and are expected to knock on doors, not just answer "
            "emails.",
            "Arrears have fallen on the pilot estates, though the association is cautious about "
            "claiming that as cause and effect. Tenants are clearer: one said that for the first "
            "time 'the housing' felt like a person rather than a building in town.",
        ),
    },
    {
        "key": "digital-buddies",
        "title": "Teenagers and older residents swap skills at the library",
        "summary": (
            "A library runs 'digital buddies' sessions in which teenagers help older people with "
            "phones and tablets, and the older people help with CVs, interview practice and the "
            "occasional history essay."
        ),
        "place": "Norwich",
        "days_ago": 480,
        "setting": "local-government",
        "connection": "bridging",
        "shifts": [WE, PERSONALISED],
        "themes": ["digital inclusion", "libraries", "older people", "youth work"],
        "author": "amara",
        "story": (
            "The library service had funding for digital inclusion sessions but struggled to find "
            "enough staff to run them. A librarian asked a sixth-form college whether students "
            "would help in return for volunteering hours.",
            "Pairs meet for an hour on Saturday mornings. Within weeks, the help was going both "
            "ways: a retired personnel manager rewrote a student's CV, and a former nurse talked "
            "another through a university application to study midwifery. The library now "
            "describes the sessions as skills swaps.",
            "Several pairs meet outside the library too. A librarian said the best outcome was not "
            "the number of people who learned to make a video call, but the number who now have "
            "someone to call.",
        ),
    },
    {
        "key": "befriending-no-limit",
        "title": "A befriending scheme drops its twelve-week limit",
        "summary": (
            "A rural befriending charity stopped ending matches after twelve weeks, after "
            "volunteers and older people alike said the deadline ended friendships just as they "
            "began."
        ),
        "place": "Aberystwyth",
        "days_ago": 455,
        "setting": "voluntary-sector",
        "connection": "bridging",
        "shifts": [PERSONALISED],
        "themes": ["befriending", "loneliness", "older people", "rural"],
        "author": "siobhan",
        "story": (
            "The charity's funder had asked for short, measurable interventions, so matches "
            "between volunteers and isolated older people were closed after twelve weekly visits. "
            "Staff found that many pairs kept meeting anyway, unofficially, and that those who did "
            "not often felt abandoned.",
            "The trustees renegotiated with the funder and now let matches run as long as both "
            "people want. Reporting changed too: instead of counting completed matches, the "
            "charity asks every pair twice a year how things are going, in their own words.",
            "Some matches are now into their third year. One volunteer, a farmer in his sixties, "
            "said he had first visited out of duty and now goes because his match 'is the best "
            "company I know'.",
        ),
    },
    {
        "key": "police-football",
        "title": "Neighbourhood officers who play five-a-side with local teenagers",
        "summary": (
            "Two neighbourhood police officers joined a Friday night football session run by a "
            "youth club, on the same terms as everyone else, and found relationships shifting off "
            "the pitch too."
        ),
        "place": "Moss Side, Manchester",
        "days_ago": 430,
        "setting": "justice-and-policing",
        "connection": "bridging",
        "shifts": [TRUSTING],
        "themes": ["youth work"],
        "author": "gareth",
        "story": (
            "Relations between young people and the police here have long been strained. The youth "
            "club had tried organised 'meet the police' events, which few attended.",
            "Two officers asked whether they could simply join the Friday five-a-side. The youth "
            "workers agreed on conditions: no uniforms, no questions about anything other than "
            "football, and they get picked for teams like everyone else. For the first month they "
            "were picked last.",
            "A year on, young people greet them by first name in the street, and the officers say "
            "they now hear about problems early, from people who trust them. The youth workers are "
            "careful not to overclaim, but say the atmosphere on the estate is noticeably calmer.",
        ),
    },
    {
        "key": "adult-social-care",
        "title": "Social workers who start with 'what matters to you?'",
        "summary": (
            "A council's adult social care team replaced its eligibility form at the first visit "
            "with an open conversation, and now builds support around people's lives rather than "
            "their deficits."
        ),
        "place": "Coventry",
        "days_ago": 405,
        "setting": "local-government",
        "connection": "bridging",
        "shifts": [PERSONALISED, ENABLING],
        "themes": ["social care", "unpaid carers"],
        "author": "bethan",
        "story": (
            "The first visit used to be dominated by a long assessment form that asked what a "
            "person could not do. Social workers said they spent most of the visit looking at a "
            "laptop.",
            "The team now leaves the form until later. The first conversation starts with what "
            "matters to the person and who is already around them: family, neighbours, the church, "
            "the pub. Support is then planned to build on those relationships, and formal care "
            "fills the gaps.",
            "Managers expected costs to rise. They have not, because many people wanted something "
            "smaller and more specific than a standard care package. An unpaid carer said it was "
            "the first time anyone had asked how she was, rather than how her husband was.",
        ),
    },
    {
        "key": "young-carers",
        "title": "Young carers design their own support group",
        "summary": (
            "A young carers' project handed the planning of its weekly group to the young people "
            "themselves, who ditched the workshops and asked for a quiet room, a hot meal and help "
            "with homework."
        ),
        "place": "Stoke-on-Trent",
        "days_ago": 380,
        "setting": "voluntary-sector",
        "connection": "bonding",
        "shifts": [ENABLING],
        "themes": ["unpaid carers", "youth work", "schools"],
        "author": "priya",
        "story": (
            "The project had been running structured sessions on resilience and coping, designed "
            "by staff. Attendance was patchy, and the young people said politely that they got "
            "enough of being talked at.",
            "Staff asked a group of twelve to take over the planning. They chose a warm room with "
            "sofas, a cooked tea, a homework table with a volunteer teacher and one outing a month "
            "that they pick themselves. They also wrote a short letter for teachers explaining "
            "what being a young carer means.",
            "Attendance has doubled. Three secondary schools have adopted the letter and now let "
            "young carers keep their phones on in lessons so they can be reached at home.",
        ),
    },
    {
        "key": "warm-space",
        "title": "A church warm space where the guests end up cooking",
        "summary": (
            "A church opened its hall as a warm space during a winter of high energy bills. By "
            "February the people who came to keep warm were running the kitchen."
        ),
        "place": "Sunderland",
        "days_ago": 360,
        "setting": "faith",
        "connection": "both",
        "shifts": [WE, ENABLING],
        "themes": ["faith groups", "food", "community hubs", "cost of living"],
        "author": "amara",
        "story": (
            "The congregation had planned a simple offer: a heated hall, hot drinks and a few "
            "board games, three afternoons a week. Volunteers expected to serve and guests to sit.",
            "A retired chef among the guests asked whether he could make soup. Others followed, "
            "and by the end of the winter a rota of guests was cooking a two-course lunch each "
            "day, with the original volunteers washing up. A mother who had been coming with her "
            "toddler now leads a Friday baking session.",
            "The vicar says the church had to learn to step back. 'We set it up to help people. It "
            "worked when we let them help each other.'",
        ),
    },
    {
        "key": "chatty-checkout",
        "title": "A supermarket opens a slow checkout for people who want a chat",
        "summary": (
            "A large supermarket set aside one staffed till on weekday mornings for customers who "
            "prefer not to rush, and lets the staff who volunteer for it take their time."
        ),
        "place": "Ipswich",
        "days_ago": 340,
        "setting": "workplace",
        "connection": "bridging",
        "shifts": [PERSONALISED, WE],
        "themes": ["loneliness", "older people"],
        "author": "callum",
        "story": (
            "While most of the store's tills have been replaced by self-service, one checkout is "
            "now marked with a small sign inviting customers who would like to take their time. It "
            "is staffed on weekday mornings by colleagues who asked to do it.",
            "Regulars include older shoppers, a few people with learning disabilities and several "
            "new parents. Staff say conversations range from the weather to bereavement. Managers "
            "agreed not to measure the till's throughput against the others.",
            "One of the staff who works it said the job used to feel like scanning; now she knows "
            "customers' grandchildren's names. She also knows who to worry about when they stop "
            "coming.",
        ),
    },
    {
        "key": "self-rostering",
        "title": "Warehouse staff who draw up their own shift patterns",
        "summary": (
            "A distribution centre let teams agree their own rotas within agreed cover levels. "
            "Staff with caring responsibilities say it has made the job possible; managers are "
            "still weighing it up."
        ),
        "place": "Luton",
        "days_ago": 320,
        "setting": "workplace",
        "connection": "not-sure",
        "shifts": [TRUSTING, ENABLING],
        "themes": ["unpaid carers"],
        "author": "gareth",
        "story": (
            "Rotas used to be issued by managers a fortnight ahead. Staff with children, elderly "
            "parents or second jobs struggled, and short-notice sickness was high.",
            "On a trial basis, each team of about fifteen now agrees its own rota on a shared "
            "board, as long as the minimum numbers for each shift are met. Swaps are arranged "
            "between colleagues without a manager's sign-off.",
            "Staff on the trial teams are enthusiastic, especially those caring for relatives. "
            "Managers report lower sickness absence but worry that quieter staff get the least "
            "popular shifts. The person who posted this was unsure whether it brings people "
            "together or simply suits those already confident.",
        ),
    },
    {
        "key": "hospital-discharge",
        "title": "Ward staff who ring a neighbour before sending someone home",
        "summary": (
            "On one hospital ward, with the patient's permission, nurses now phone a neighbour, "
            "friend or faith group before discharge so that someone is expecting the person when "
            "they get home."
        ),
        "place": "Hull",
        "days_ago": 300,
        "setting": "health-and-care",
        "connection": "both",
        "shifts": [TRUSTING, CO_OPERATING],
        "themes": ["older people", "unpaid carers", "partnership working"],
        "author": "siobhan",
        "story": (
            "Older patients on the ward were often discharged to an empty house with a bag of "
            "medicines and a letter for their GP. Readmissions within a month were common.",
            "A ward sister began asking a simple question on admission: 'Who would you like us to "
            "let know when you're going home?' With consent, staff ring that person before "
            "discharge. Sometimes it is a daughter two hundred miles away, but often it is the "
            "person next door, a mosque committee member or someone from the bowls club.",
            "The hospital's voluntary services team now works with local groups to find someone "
            "for patients who have nobody to name. The ward sister says it takes five minutes and "
            "is 'the most important phone call we make'.",
        ),
    },
    {
        "key": "pharmacy",
        "title": "A high street pharmacist who knows where the lunch clubs are",
        "summary": (
            "An independent pharmacy keeps an up-to-date list of local clubs and groups, and the "
            "pharmacist has agreed with the GP surgery to refer people directly to the social "
            "prescribing team."
        ),
        "place": "Penzance, Cornwall",
        "days_ago": 280,
        "setting": "health-and-care",
        "connection": "bridging",
        "shifts": [CO_OPERATING, PERSONALISED],
        "themes": ["social prescribing", "loneliness", "primary care"],
        "author": "bethan",
        "story": (
            "The pharmacist sees many people more often than their doctor does, especially older "
            "people collecting weekly prescriptions. He noticed that some came in mainly to talk.",
            "He began keeping a folder of local lunch clubs, choirs and walking groups, and asked "
            "the surgery whether he could refer people to their link worker without going through "
            "a GP. The surgery agreed, and the two now share a monthly fifteen-minute phone call "
            "about who might need a nudge.",
            "It is a small arrangement, but it breaks a habit in which pharmacies, surgeries and "
            "community groups all know the same people without ever talking to one another.",
        ),
    },
    {
        "key": "hostel-interviews",
        "title": "Hostel residents sit on the panel that hires their support workers",
        "summary": (
            "A homelessness charity now includes two residents on every interview panel for staff "
            "at its hostels, with an equal say in who is appointed."
        ),
        "place": "Southwark, London",
        "days_ago": 260,
        "setting": "housing",
        "connection": "bridging",
        "shifts": [ENABLING, TRUSTING],
        "themes": ["homelessness", "housing"],
        "author": "priya",
        "story": (
            "Residents used to meet new staff on their first day, with no say in who would be "
            "supporting them through some of the hardest months of their lives.",
            "The charity trained a group of residents and former residents in interviewing and now "
            "puts two of them on each panel. They ask their own questions, often the most "
            "searching ones, and score candidates alongside managers. Residents are paid for their "
            "time.",
            "Managers admit that at first they feared the arrangement would slow recruitment. It "
            "has not, and staff hired this way say they felt accountable to residents from their "
            "first day. One resident on the panel said it was the first time in years an "
            "organisation had asked for her judgement rather than her signature.",
        ),
    },
    {
        "key": "family-days",
        "title": "Prisoners' families redesign visiting days",
        "summary": (
            "A prison invited families to help plan its family visits. Out went the rigid rows of "
            "tables; in came a play area, shared meals and time for fathers to help with homework."
        ),
        "place": "Wakefield",
        "days_ago": 240,
        "setting": "justice-and-policing",
        "connection": "both",
        "shifts": [ENABLING, PERSONALISED],
        "themes": ["families", "probation"],
        "author": "callum",
        "story": (
            "Visits were held in a hall with fixed tables, strict rules on movement and little for "
            "children to do. Families described them as stressful and some children refused to "
            "come.",
            "The prison's family support worker asked a group of partners and grandparents what "
            "would help. Their suggestions were practical: let dads sit on the floor with "
            "toddlers, allow a shared meal, bring homework and reading books, and give children a "
            "proper goodbye rather than a bell.",
            "Family days now run monthly on those lines. Staff report fewer incidents after "
            "visits, and several men say the days are what keeps them going. Probation officers "
            "have started to talk to families earlier about plans for release.",
        ),
    },
    {
        "key": "school-kitchen",
        "title": "A primary school opens its kitchen to families on Saturdays",
        "summary": (
            "A head teacher agreed to open the school kitchen on Saturday mornings so that parents "
            "could cook together, take food home and learn from one another."
        ),
        "place": "Middlesbrough",
        "days_ago": 220,
        "setting": "education",
        "connection": "both",
        "shifts": [WE, ENABLING],
        "themes": ["schools", "food", "families", "cost of living"],
        "author": "amara",
        "story": (
            "Staff had noticed children arriving hungry on Mondays. Rather than set up another "
            "food parcel scheme, the head asked parents what they would find useful. Several said "
            "they would like to cook with others, and to have a kitchen big enough to batch-cook.",
            "The school cook volunteered to open up on Saturdays. Parents bring ingredients they "
            "can share, the school adds staples, and everyone leaves with meals for the week. "
            "Recipes come from a dozen countries, and children eat together in the hall.",
            "The head says the sessions have changed how parents see the school. 'They used to "
            "come in when there was a problem. Now they come in on a Saturday and run the place.'",
        ),
    },
    {
        "key": "safe-and-well",
        "title": "Firefighters whose safety visits became 'safe and well' conversations",
        "summary": (
            "Firefighters fitting smoke alarms now spend longer in older people's homes, ask about "
            "loneliness and falls, and can refer people straight to local groups and the health "
            "board."
        ),
        "place": "Inverness",
        "days_ago": 200,
        "setting": "other",
        "connection": "not-sure",
        "shifts": [CO_OPERATING, PERSONALISED],
        "themes": ["older people", "loneliness", "partnership working"],
        "author": "gareth",
        "story": (
            "Home fire safety visits were once quick: check the alarms, point out hazards, leave a "
            "leaflet. Crews realised they were often the only visitors an older person had seen "
            "for days.",
            "The visits now include a short conversation about health, loneliness and how people "
            "are managing. Crews carry a card of local contacts and can refer people, with "
            "consent, to a lunch club, a befriending service or the falls team.",
            "It is not yet clear whether the referrals lead to lasting connections; the service is "
            "still collecting follow-up information. But a watch manager said the visits had "
            "changed how his crew see their job: 'We're not just in and out with a stepladder any "
            "more.'",
        ),
    },
    {
        "key": "shared-apprentices",
        "title": "Small firms share apprentices none could take on alone",
        "summary": (
            "Five small engineering and building firms that could not each afford an apprentice "
            "now share three between them, rotating every few months."
        ),
        "place": "Newport",
        "days_ago": 185,
        "setting": "employment",
        "connection": "bonding",
        "shifts": [CO_OPERATING],
        "themes": ["employment support", "youth work"],
        "author": "siobhan",
        "story": (
            "The owners had all said the same thing at a local business breakfast: they wanted to "
            "train young people but could not guarantee enough work, or supervision, for a full "
            "apprenticeship.",
            "With help from the college, they formed a small consortium. Each apprentice spends a "
            "few months at each firm, and the owners meet monthly to plan placements and compare "
            "notes. A youth worker who referred two of the apprentices sits in on reviews.",
            "The firms had previously seen each other mainly as competitors for the same "
            "contracts. They now share tools and occasionally jobs, and they have asked the "
            "college for two more apprentices next year.",
        ),
    },
    {
        "key": "pen-pals",
        "title": "Students and care home residents who write to each other",
        "summary": (
            "University students and residents of a nearby care home exchange letters every "
            "fortnight, then meet at a tea party at the end of each term."
        ),
        "place": "Bangor",
        "days_ago": 170,
        "setting": "education",
        "connection": "bridging",
        "shifts": [WE],
        "themes": ["older people", "befriending", "loneliness"],
        "author": "bethan",
        "story": (
            "A students' union volunteering group was looking for something that would fit around "
            "lectures and exams. Staff at a care home mentioned that residents loved receiving "
            "post but hardly anyone wrote any more.",
            "Each student is paired with a resident. Letters are written by hand, in Welsh or "
            "English, and the care home's activities coordinator helps residents who cannot write "
            "to dictate their replies. Topics range from first loves to exam nerves.",
            "At the end-of-term tea party, pairs meet, often emotionally. Several students have "
            "kept writing over the summer, and one resident has asked to be invited to her pen "
            "pal's graduation.",
        ),
    },
    {
        "key": "interfaith-walk",
        "title": "A monthly walk between places of worship",
        "summary": (
            "Members of a synagogue, two mosques, a Hindu temple and several churches walk "
            "together once a month, visiting each other's buildings and sharing food at the end."
        ),
        "place": "Cardiff",
        "days_ago": 155,
        "setting": "faith",
        "connection": "bridging",
        "shifts": [WE],
        "themes": ["faith groups", "refugees"],
        "author": "priya",
        "story": (
            "The walk was started after a tense period locally, when people from different faiths "
            "realised that although they lived streets apart they had never been inside each "
            "other's buildings.",
            "Each month the group walks a route of about three miles between two or three places "
            "of worship. At each stop hosts explain a little about their faith and building, and "
            "the walk ends with food. Newly arrived families from a refugee resettlement scheme "
            "have started to join.",
            "The walk has no formal organisation. A volunteer keeps an email list and a different "
            "congregation hosts the meal each time. Regulars say the friendships made on the walk "
            "were what brought people together after a recent local incident.",
        ),
    },
    {
        "key": "cohousing",
        "title": "Older residents who designed their own cohousing",
        "summary": (
            "A group of people in their sixties and seventies spent six years planning a small "
            "cohousing scheme with private flats, a shared kitchen and a garden, and moved in last "
            "year."
        ),
        "place": "Easton, Bristol",
        "days_ago": 140,
        "setting": "housing",
        "connection": "bonding",
        "shifts": [WE, ENABLING],
        "themes": ["housing", "older people", "loneliness"],
        "author": "callum",
        "story": (
            "The group met through a local housing co-operative. Most were living alone and "
            "worried about growing old in houses too big for them, far from friends.",
            "They worked with a housing association and an architect to design twelve flats around "
            "a common house. Residents agree decisions at a monthly meeting, share two meals a "
            "week and look after one another when someone is ill, within limits they have written "
            "down.",
            "It took far longer than anyone expected and some members dropped out. Those who moved "
            "in say the hardest part was learning to make decisions together. One resident said: "
            "'We used to say we would look after each other. Now we have the rota to prove it.'",
        ),
    },
    {
        "key": "youth-club-budget",
        "title": "A youth club that hands its budget to its members",
        "summary": (
            "Young people at a youth club now manage its activities budget, with a committee of "
            "members deciding what to spend and accounting for it to the trustees."
        ),
        "place": "Derry",
        "days_ago": 125,
        "setting": "voluntary-sector",
        "connection": "bonding",
        "shifts": [ENABLING, TRUSTING],
        "themes": ["youth work", "participatory budgeting"],
        "author": "amara",
        "story": (
            "The club's youth workers used to plan the programme and the young people turned up, "
            "or did not. Staff felt they were running a service rather than a club.",
            "A members' committee of eight, aged fourteen to eighteen, now controls the activities "
            "budget. They have funded a recording studio corner, trips to the coast and a "
            "cross-community football tournament with a club from the other side of the river. "
            "Youth workers advise, and occasionally warn, but do not overrule.",
            "The trustees were nervous about the first accounts. They were better kept than the "
            "staff's had been, one trustee admitted, and the committee had underspent.",
        ),
    },
    {
        "key": "problem-solving-court",
        "title": "A court where the same judge sees the same women every month",
        "summary": (
            "A problem-solving court for women on community sentences brings each woman back "
            "before the same judge regularly, to review progress in a conversation rather than a "
            "hearing."
        ),
        "place": "Liverpool",
        "days_ago": 110,
        "setting": "justice-and-policing",
        "connection": "bridging",
        "shifts": [PERSONALISED, TRUSTING],
        "themes": ["probation", "mental health"],
        "author": "gareth",
        "story": (
            "Women sentenced to community orders often met a different magistrate at every stage, "
            "and breaches were common. Many had experienced violence, addiction and poor mental "
            "health, and needed support from several agencies at once.",
            "In the problem-solving court, one judge reviews each woman's progress every month, "
            "with her probation officer and a support worker from a women's centre alongside. The "
            "conversation is direct and personal, praise is given where it is due, and setbacks "
            "are discussed rather than automatically punished.",
            "Women on the programme say being known by the judge matters. One told her support "
            "worker that it was the first time someone in authority had seemed to remember her "
            "from one meeting to the next.",
        ),
    },
    {
        "key": "health-visitors",
        "title": "Health visitors who stay with the same family from pregnancy to school",
        "summary": (
            "A health visiting team reorganised so that each family has one named health visitor "
            "from the antenatal visit until the child starts school."
        ),
        "place": "Newham, London",
        "days_ago": 95,
        "setting": "health-and-care",
        "connection": "bridging",
        "shifts": [PERSONALISED, TRUSTING],
        "themes": ["families", "primary care"],
        "author": "siobhan",
        "story": (
            "Families used to see whichever health visitor was on duty, and mothers said they "
            "found it hard to raise worries with someone they had never met. Staff felt the same.",
            "The team redrew its caseloads around small neighbourhoods, so that each health "
            "visitor covers a few streets and knows the local children's centre, nurseries and GP. "
            "Families have a direct number. Visits are still timed by the national schedule, but "
            "the conversations carry on from one to the next.",
            "Health visitors say they now pick up postnatal depression and domestic abuse earlier, "
            "because mothers tell them things they would not tell a stranger. The team is "
            "recording what happens to see whether the change lasts.",
        ),
    },
    {
        "key": "call-centre",
        "title": "Call centre advisers allowed to stay on the line as long as it takes",
        "summary": (
            "An energy company's customer service team scrapped call-time targets for customers in "
            "arrears, and gave advisers authority to agree payment plans without a manager."
        ),
        "place": "Doncaster",
        "days_ago": 80,
        "setting": "workplace",
        "connection": "bridging",
        "shifts": [TRUSTING, PERSONALISED],
        "themes": ["mental health", "cost of living"],
        "author": "priya",
        "story": (
            "Advisers used to be measured on how quickly they ended calls. Customers in debt, "
            "often anxious and embarrassed, were passed between departments and frequently hung "
            "up.",
            "The company removed the time target for its arrears team and trained advisers to "
            "agree affordable payment plans on their own authority, within broad limits. They can "
            "also transfer customers directly to a named debt advice charity rather than giving "
            "out a phone number.",
            "Calls now last longer but fewer customers ring back. Advisers describe the job as "
            "more demanding but far more satisfying. One said she finally felt she was allowed to "
            "treat people 'like my own mum would want to be treated'.",
        ),
    },
    {
        "key": "debt-advice",
        "title": "An advice centre that stopped closing cases after three contacts",
        "summary": (
            "A debt advice charity dropped its rule that cases close after three appointments, and "
            "now keeps files open until clients say they are ready."
        ),
        "place": "Nottingham",
        "days_ago": 66,
        "setting": "voluntary-sector",
        "connection": "bridging",
        "shifts": [PERSONALISED],
        "themes": ["cost of living", "mental health"],
        "author": "callum",
        "story": (
            "To meet contract targets, advisers were expected to resolve each case in three "
            "contacts. People with complicated problems often came back months later in a worse "
            "state, and were treated as new cases.",
            "The charity negotiated with its funders to report on outcomes rather than closed "
            "cases. Advisers now keep in touch with clients who want it, send reminders before key "
            "deadlines and ring if someone goes quiet.",
            "Advisers say clients now tell them about problems earlier, because they know who to "
            "call. The charity is tracking whether fewer people return in crisis, and so far the "
            "numbers look encouraging.",
        ),
    },
    {
        "key": "street-association",
        "title": "A street party that turned into a street association",
        "summary": (
            "Residents who closed their road for a party in the summer kept meeting afterwards and "
            "now have a street association that looks after the verges, a book swap and a list of "
            "who might need a hand."
        ),
        "place": "Kirkcaldy, Fife",
        "days_ago": 52,
        "setting": "neighbourhood-and-community",
        "connection": "bonding",
        "shifts": [WE],
        "themes": ["mutual aid", "volunteering"],
        "author": "bethan",
        "story": (
            "The party was a one-off: tables down the middle of the road, a barbecue and a raffle. "
            "At the end of the evening someone suggested that they should not wait another year to "
            "see each other.",
            "About twenty households now meet every couple of months in someone's kitchen. They "
            "have planted the verges, set up a book swap in an old phone box and compiled, with "
            "everyone's consent, a list of neighbours who would welcome a knock on the door in bad "
            "weather.",
            "It is early days. But a woman who has lived on the street for thirty years said she "
            "now knows more neighbours by name than at any time since her children were small.",
        ),
    },
    {
        "key": "walking-football",
        "title": "Walking football for men living with dementia",
        "summary": (
            "A football club's community trust runs weekly walking football for men with dementia, "
            "with their carers playing alongside them and a cup of tea afterwards in the stand."
        ),
        "place": "Stockport",
        "days_ago": 38,
        "setting": "other",
        "connection": "both",
        "shifts": [WE, PERSONALISED],
        "themes": ["older people", "mental health", "unpaid carers"],
        "author": "amara",
        "story": (
            "The sessions began after a supporter mentioned that his father, who had followed the "
            "club for sixty years, no longer wanted to leave the house. The community trust "
            "invited a handful of men with dementia and their carers to a Monday session at the "
            "training ground.",
            "The game is slow, there are no tackles and nobody keeps score for long. Afterwards, "
            "players and carers sit in the stand and look through old programmes. Carers say it is "
            "one of the few places where they can relax, because everyone understands.",
            "The trust now runs two sessions a week and has trained its stewards to recognise and "
            "support supporters with dementia on match days.",
        ),
    },
    {
        "key": "bereavement-cafe",
        "title": "A hospice runs a bereavement café in the back room of a pub",
        "summary": (
            "A hospice moved its bereavement support group out of its own building and into a "
            "market-town pub, where it has become an informal monthly café for anyone grieving."
        ),
        "place": "Hexham, Northumberland",
        "days_ago": 24,
        "setting": "health-and-care",
        "connection": "bonding",
        "shifts": [WE, TRUSTING],
        "themes": ["loneliness", "rural"],
        "author": "siobhan",
        "story": (
            "Families said they found it hard to go back to the hospice after someone had died "
            "there. The support group had dwindled to a handful.",
            "A hospice counsellor asked a landlord whether they could use his back room on the "
            "first Tuesday of each month. There is tea, cake and a counsellor on hand, but mostly "
            "people talk to each other. Some come once; others have come every month for a year.",
            "Regulars now welcome newcomers themselves and share phone numbers so that nobody "
            "faces anniversaries alone. The landlord refuses to charge for the room.",
        ),
    },
    # Slipping back: the shifts do not only move one way, and the Observatory says so.
    {
        "key": "food-bank-rota",
        "title": "A food bank's open rota closed again after one bad month",
        "summary": (
            "Volunteers had run the Saturday shift as they saw fit for two years. After a "
            "complaint about a missed delivery, the trustees brought back sign-off for every "
            "change and a manager now sets the rota."
        ),
        "place": "Hastings, East Sussex",
        "days_ago": 40,
        "setting": "voluntary-sector",
        "connection": "bonding",
        "shifts": [ENABLING, TRUSTING],
        "direction": "back",
        "themes": ["food", "volunteering", "governance"],
        "author": "callum",
        "story": (
            "During the pandemic the food bank's trustees stepped back: the people who turned up "
            "on Saturdays decided who did what, swapped shifts among themselves and took calls "
            "from families directly.",
            "In the spring a supermarket delivery was missed and a family went without. The "
            "trustees' answer was a written procedure, a paid rota manager and a rule that any "
            "change goes through her. Three long-standing volunteers have stopped coming.",
            "The manager herself says the old way worked better most weeks. Nobody has yet asked "
            "whether one missed delivery justified undoing two years of trust.",
        ),
    },
    {
        "key": "library-hub-closed",
        "title": "A library's shared front desk split back into separate counters",
        "summary": (
            "Housing, benefits and library staff had shared one desk and one queue. With the "
            "new budget each service has its own counter again, and people are sent from one "
            "to the next."
        ),
        "place": "Bradford, West Yorkshire",
        "days_ago": 75,
        "setting": "local-government",
        "connection": "bridging",
        "shifts": [CO_OPERATING, PERSONALISED],
        "direction": "back",
        "themes": ["libraries", "council services", "funding"],
        "author": "bethan",
        "story": (
            "For eighteen months anyone walking into the library could ask about rent arrears, a "
            "benefit claim or a bus pass at a single desk. Staff from three services sat together "
            "and passed questions across rather than passing people along.",
            "When each service's budget was set separately this year, each asked for its own "
            "figures on visitors. The simplest way to count them was to give each its own "
            "counter, so the shared desk went.",
            "Library staff say they now spend their mornings explaining which queue to join. The "
            "people most affected are those who came in with more than one problem at once.",
        ),
    },
    {
        "key": "estate-forum-split",
        "title": "An estate forum where newer residents have stopped coming",
        "summary": (
            "The tenants' forum grew during the lockdowns to include families who had just "
            "moved in. A year on, the meetings are back to the long-standing residents, who "
            "still help each other a great deal."
        ),
        "place": "Hackney, London",
        "days_ago": 28,
        "setting": "housing",
        "connection": "bridging",
        "shifts": [WE],
        "direction": "back",
        "themes": ["housing", "belonging", "neighbours"],
        "author": "priya",
        "story": (
            "In 2021 the forum met online, and for the first time families who had arrived on the "
            "estate from abroad joined in. They ran a clothes swap together and translated the "
            "housing association's letters for one another.",
            "Since the meetings moved back to the community room on weekday evenings, the newer "
            "families have drifted away. Those who remain are as close as ever: they check on "
            "each other and share lifts to the hospital.",
            "It is bonding holding while bridging weakens. The forum's chair wants to try "
            "meeting on Saturday mornings, with children welcome, to see whether that brings "
            "people back.",
        ),
    },
    # Two places with several sightings each, so that /insights/ can compare places.
    {
        "key": "hackney-repair-cafe",
        "title": "A repair café where the fixers now learn from the people who bring things",
        "summary": (
            "Volunteers started out mending toasters for people who waited. Now the owners sit "
            "beside them, and several of last year's visitors run a table of their own."
        ),
        "place": "Hackney, London",
        "days_ago": 120,
        "setting": "neighbourhood-and-community",
        "connection": "bridging",
        "shifts": [WE, ENABLING],
        "themes": ["neighbours", "volunteering"],
        "author": "priya",
        "story": (
            "The café opens on the first Saturday of the month in a church hall. At first the "
            "fixers took the broken lamp or kettle away and handed it back an hour later.",
            "A retired electrician suggested that owners stay and watch. Within a few months "
            "people were asking to try the screwdriver themselves, and four of them now run the "
            "bicycle and sewing tables.",
        ),
    },
    {
        "key": "hackney-school-gate",
        "title": "Parents at a school gate who now walk each other's children home",
        "summary": (
            "A primary school's parents began a rota so that children of shift-working families "
            "are walked home. Parents who had never spoken now hold each other's keys."
        ),
        "place": "Hackney, London",
        "days_ago": 200,
        "setting": "education",
        "connection": "bridging",
        "shifts": [WE, TRUSTING],
        "themes": ["schools", "neighbours"],
        "author": "bethan",
        "story": (
            "Several families at the school work early or late shifts. A parent put a paper rota "
            "on the gate asking who could walk an extra child home on which day.",
            "Two years on, the rota runs itself in a group chat. Parents from different streets "
            "and languages hold spare keys for one another.",
        ),
    },
    {
        "key": "hackney-tenants-repairs",
        "title": "Tenants who check repairs themselves before a job is signed off",
        "summary": (
            "A housing association lets a panel of tenants inspect finished repairs and refuse "
            "sign-off when the work is not right."
        ),
        "place": "Hackney, London",
        "days_ago": 310,
        "setting": "housing",
        "connection": "bonding",
        "shifts": [TRUSTING, ENABLING],
        "themes": ["housing", "governance"],
        "author": "callum",
        "story": (
            "Complaints about repairs had been rising for years. The association asked tenants to"
            " volunteer to look at a sample of finished jobs each month.",
            "The panel has refused sign-off eleven times this year, and the contractor now phones"
            " tenants before closing a job.",
        ),
    },
    {
        "key": "swansea-gp-walks",
        "title": "A surgery's walking group that patients now lead",
        "summary": (
            "A GP practice began a weekly walk for patients with long-term conditions. The nurse "
            "who started it now walks at the back; patients choose the routes."
        ),
        "place": "Swansea",
        "days_ago": 150,
        "setting": "health-and-care",
        "connection": "bonding",
        "shifts": [PERSONALISED, ENABLING],
        "themes": ["health", "walking"],
        "author": "bethan",
        "story": (
            "The walks began as a prescription: a set route along the seafront at a set pace. "
            "Several people dropped out because it was too far or too fast.",
            "The group now splits by pace and the walkers plan the routes themselves. The "
            "practice counts fewer missed appointments among those who come.",
        ),
    },
    {
        "key": "swansea-youth-budget",
        "title": "Young people who decide how a youth centre spends its grant",
        "summary": (
            "A youth centre handed a share of its yearly grant to a panel of its members, who "
            "interviewed the groups bidding for it."
        ),
        "place": "Swansea",
        "days_ago": 260,
        "setting": "voluntary-sector",
        "connection": "bridging",
        "shifts": [ENABLING, CO_OPERATING],
        "themes": ["young people", "funding"],
        "author": "priya",
        "story": (
            "The panel of twelve members, aged fourteen to nineteen, heard bids from a boxing "
            "club, a music studio and a food project.",
            "They split the money between two of them on condition that they share the hall, "
            "which the two groups had previously competed for.",
        ),
    },
    {
        "key": "swansea-care-home-choir",
        "title": "A care home choir that residents choose the songs for",
        "summary": (
            "Instead of a visiting entertainer, residents of a care home and pupils from the "
            "school next door sing together each week, and residents choose the songs."
        ),
        "place": "Swansea",
        "days_ago": 90,
        "setting": "health-and-care",
        "connection": "bridging",
        "shifts": [PERSONALISED, WE],
        "themes": ["older people", "schools"],
        "author": "callum",
        "story": (
            "The home used to book a singer once a month. A resident who had sung in a chapel "
            "choir asked whether they could sing themselves.",
            "Now pupils come on Wednesday afternoons, residents pick the hymns and songs, and "
            "residents teach the children several in Welsh.",
        ),
    },
    {
        "key": "swansea-council-forms",
        "title": "A council's plain-language forms replaced by the old ones again",
        "summary": (
            "Forms that tenants had helped rewrite in plain words were replaced by the old "
            "standard versions when the council changed its case-management system."
        ),
        "place": "Swansea",
        "days_ago": 35,
        "setting": "local-government",
        "connection": "bonding",
        "shifts": [PERSONALISED],
        "direction": "back",
        "themes": ["council services"],
        "author": "bethan",
        "story": (
            "Two years ago a group of tenants and officers rewrote the housing forms together, "
            "and calls to the helpline about them fell by a third.",
            "The new computer system came with its own templates and the rewritten forms were "
            "dropped. The officers who worked on them say nobody asked them first.",
        ),
    },
]

# One of each status a practitioner sees in My sightings and a convenor in the queue.
UNPUBLISHED_SIGHTINGS = [
    {
        "key": "bin-crews",
        "status": "draft",
        "title": "Bin crews who notice when a bin hasn't been put out",
        "summary": (
            "Refuse collectors on one round keep an eye out for older residents and tell the "
            "council's neighbourhood team when something seems wrong."
        ),
        "place": "Rotherham",
        "days_ago": 6,
        "setting": "local-government",
        "connection": "",
        "shifts": [TRUSTING],
        "themes": ["older people"],
        "author": "callum",
        "story": (
            "Still writing this up. The crews on the Tuesday round started doing it themselves, "
            "and I need to check with the team leader what happens once they have passed a name "
            "on.",
        ),
        "consent": False,
        "submitted_days_ago": None,
        "reviewed_days_ago": None,
        "reviewer": None,
        "feedback": "",
    },
    {
        "key": "barber",
        "status": "submitted",
        "title": "A barber who keeps a list of support services behind the counter",
        "summary": (
            "A barber in a town-centre shop has trained in listening skills and keeps a card of "
            "local support services, after noticing how much his customers tell him in the chair."
        ),
        "place": "Walsall",
        "days_ago": 9,
        "setting": "workplace",
        "connection": "bridging",
        "shifts": [WE, CO_OPERATING],
        "themes": ["mental health", "loneliness"],
        "author": "callum",
        "story": (
            "Men who would never ring a helpline talk to their barber. One barber here noticed "
            "this after a regular customer told him, halfway through a haircut, that he had not "
            "left the house for a week.",
            "He went on a short listening-skills course run by a local mental health charity and "
            "now keeps a card of support services by the till. He does not give advice, he says, "
            "but he knows where to point people and he asks how they got on next time they are in.",
            "Two other barbers on the same street have asked to do the course.",
        ),
        "consent": True,
        "submitted_days_ago": 2,
        "reviewed_days_ago": None,
        "reviewer": None,
        "feedback": "",
    },
    {
        "key": "bus-shelter",
        "status": "returned",
        "title": "Neighbours who look after their bus shelter",
        "summary": (
            "Residents near a bus stop clean and decorate the shelter, and keep a box of umbrellas "
            "in it."
        ),
        "place": "Rochdale",
        "days_ago": 31,
        "setting": "neighbourhood-and-community",
        "connection": "bonding",
        "shifts": [WE],
        "themes": ["volunteering"],
        "author": "callum",
        "story": (
            "A group of neighbours cleaned up the bus shelter on the corner, painted a mural and "
            "left a box of spare umbrellas for anyone caught in the rain.",
            "It was organised by the owner of the shop opposite, who keeps the key to the box and "
            "refills it from lost property.",
        ),
        "consent": True,
        "submitted_days_ago": 24,
        "reviewed_days_ago": 21,
        "reviewer": "amara",
        "feedback": (
            "Thank you, this is a cheerful sighting. Before we publish it, could you say a little "
            "more about what has changed? At the moment it reads as a one-off clean-up: has it "
            "carried on, and has it brought together people who did not know each other before? "
            "Please also describe the shop more generally, so that its owner cannot be identified."
        ),
    },
    {
        "key": "fun-run",
        "status": "declined",
        "title": "Fun run raises £3,000 for a new minibus",
        "summary": (
            "A charity fun run round the park raised enough to replace the community centre's "
            "minibus."
        ),
        "place": "Rochdale",
        "days_ago": 48,
        "setting": "voluntary-sector",
        "connection": "not-sure",
        "shifts": [WE],
        "themes": ["volunteering"],
        "author": "callum",
        "story": (
            "More than two hundred people ran, walked or pushed buggies round the park, and the "
            "community centre raised enough to replace its ageing minibus.",
            "The new minibus will take older members to the weekly lunch club and on summer "
            "outings.",
        ),
        "consent": True,
        "submitted_days_ago": 40,
        "reviewed_days_ago": 36,
        "reviewer": "gareth",
        "feedback": (
            "Thank you for sending this in. We have decided not to publish it, because it "
            "describes a fundraising event rather than a change in how people, services or "
            "organisations relate to one another. If the minibus leads to something like that, for "
            "example passengers deciding the routes together, we would be glad to see it as a new "
            "sighting."
        ),
    },
]

CELLS = [
    {
        "key": "changing-practices",
        "name": "Changing practices",
        "is_active": True,
        "convenors": ["amara", "siobhan"],
        "purpose": (
            "A working group of front-line staff, managers and commissioners asking one question: "
            "what would change in our own service if relationships were the main way it worked, "
            "rather than an afterthought?",
            "We meet online three or four times a year. At each meeting we look at a handful of "
            "sightings from health and care, employment, housing and justice, hear from someone "
            "who made a change happen, and try to pin down what made it possible and what stands "
            "in its way.",
            "We are especially interested in:\n\n- front-line staff trusted with judgement and "
            "budgets;\n- the rules, targets and contracts that design relationships *out*, and how "
            "people have changed them;\n- how to tell these stories so that others can try them.",
        ),
    },
    {
        "key": "leadership-in-place",
        "name": "Collaborative leadership in place",
        "is_active": True,
        "convenors": ["gareth", "amara"],
        "purpose": (
            "For people leading councils, charities, faith groups and businesses in one place who "
            "want to stop competing and start sharing: money, premises, information and power.",
            "We use sightings of shared budgets, joint rotas and pooled referrals to ask what a "
            "good partnership between independent organisations and the state looks like, and what "
            "it asks of the people at the top.",
            "Meetings alternate between online sessions and a visit to a place where something is "
            "happening.",
        ),
    },
    {
        "key": "mutual-aid",
        "name": "Mutual aid: what lasted",
        "is_active": False,
        "convenors": ["siobhan", "gareth"],
        "purpose": (
            "A short-lived cell for people who started or joined mutual aid groups during the "
            "Covid-19 pandemic, looking back at which groups kept going, which did not, and why.",
            "The cell met for a final time and has now closed. Its notes remain here, and its "
            "questions have passed to the other cells.",
        ),
    },
]

# next_meeting_in_days counts from today: negative is past, None is not yet set.
NOTES = [
    {
        "cell": "mutual-aid",
        "title": "What the lockdown groups kept",
        "met_days_ago": 820,
        "status": "published",
        "author": "siobhan",
        "next_meeting_in_days": None,
        "sightings": [
            "lunch-club",
            "pantry",
            "uniform-swap",
            "gurdwara-langar",
            "paid-volunteering",
        ],
        "summary": (
            "Most street groups formed in 2020 have faded, but the ones that lasted changed shape "
            "rather than carrying on as before: a chat became a lunch club, a parcel round became "
            "a members' pantry. What they share is a reason to meet that people enjoy, very little "
            "formal structure, and someone willing to send the first message each week. The cell "
            "agreed to close and pass its questions on."
        ),
        "body": (
            "## Aims",
            "This was the last meeting of a small cell set up to look back at the mutual aid "
            "groups that sprang up during the pandemic. At their height, millions of people were "
            "caring for someone outside their own household for several hours a week, and most "
            "said they meant to carry on. We wanted to know which groups had.",
            "## Presentations",
            "Three members described groups they had helped to start. One, a street chat in "
            "Hackney, is now a weekly lunch club that nobody runs. Another, a parcel round in "
            "Tower Hamlets, has become a constituted pantry whose members sit on the committee. "
            "The third, in a town in the north-west, had stopped altogether once the emergency was "
            "over; its organiser said that without the crisis there was no longer a reason to "
            "message each other.",
            "We also looked at a gurdwara kitchen that kept feeding night workers, and at an "
            "employer whose looser rules on volunteering outlasted the emergency.",
            "## Discussion",
            "- The groups that lasted found a reason to meet that people *enjoy*, not only one "
            "they feel they ought to attend.\n- Formality helps some groups and kills others. The "
            "pantry needed a bank account and a lease; the lunch club would not survive a "
            "committee.\n- Ties between people who were alike held up better than ties between "
            "people who were not. Several groups that had crossed age and background in 2020 had "
            "drifted back into familiar circles.\n- Institutions that tried to take over or "
            "'manage' the volunteers tended to lose them.",
            "## Decisions",
            "The cell agreed that it had done what it set out to do and should close. The question "
            "of how to keep bridging ties alive passes to *Changing practices*; the question of "
            "how councils should support groups without smothering them passes to *Collaborative "
            "leadership in place*.",
        ),
        "topics_next": "",
    },
    {
        "cell": "changing-practices",
        "title": "First meeting: what makes a service relational?",
        "met_days_ago": 685,
        "status": "published",
        "author": "amara",
        "next_meeting_in_days": -385,
        "sightings": [
            "gp-reception",
            "homecare-hour",
            "jobcentre-library",
            "probation-cafe",
            "social-prescribing-time",
        ],
        "summary": (
            "In five sightings from a GP surgery, a homecare agency, a jobcentre, a probation "
            "office and a social prescribing team, the common thread was permission: someone "
            "senior allowed a front-line worker to use judgement, spend time and keep continuity. "
            "Each change was small and fragile, and most depended on one manager. We agreed to "
            "look next at how such permission can be written into contracts and targets rather "
            "than left to chance."
        ),
        "body": (
            "## Aims",
            "The convenors introduced the cell. Good relationships between staff and the people "
            "they serve are not a luxury: the evidence gathered by Community Links for its 2011 "
            "*Deep Value* review showed that they help people into work, help pupils learn and "
            "help patients change their habits. Yet many services are designed in ways that make "
            "such relationships hard. The cell will collect examples of people who have changed "
            "that, and try to learn from them.",
            "## Presentations",
            "A practice manager from the valleys described how her surgery stopped making "
            "receptionists follow a script. The hardest part, she said, was not persuading the "
            "receptionists but persuading herself to stop checking their decisions.",
            "A homecare provider described replacing short, task-based visits with longer blocks "
            "of time with the same clients. Staff turnover had fallen sharply, but the trial "
            "depended on goodwill from one commissioner.",
            "## Discussion",
            "- In every sighting someone had been given **permission**: to use judgement, to take "
            "longer, to keep the same people. In most cases that permission came from one person "
            "and could be withdrawn by the next.\n- Continuity matters as much as time. People "
            "would rather see the same person for twenty minutes than a stranger for an hour.\n- "
            "Some changes look like 'being soft' to colleagues. The probation officer who meets "
            "people in a café was clear that the hard conversations still happen.\n- Targets can "
            "be rewritten. The social prescribing team showed that a commissioner will accept "
            "different measures if someone makes the case.",
            "## Agreed",
            "Members will each post at least one sighting before the next meeting, and the "
            "convenors will invite a commissioner to talk about contracts.",
        ),
        "topics_next": (
            "- How can permission be written into contracts, not left to individual managers?\n- "
            "What do we measure instead of throughput?\n- What happens to relationships when a "
            "contract is retendered?"
        ),
    },
    {
        "cell": "leadership-in-place",
        "title": "Sharing money, sharing power",
        "met_days_ago": 545,
        "status": "published",
        "author": "gareth",
        "next_meeting_in_days": None,
        "sightings": [
            "tenants-budget",
            "referral-list",
            "food-bank-rota",
            "council-shared-pot",
            "night-shelter",
        ],
        "summary": (
            "Our first meeting looked at five places where organisations stopped competing and "
            "started sharing: a tenants' budget, a shared referral list, a joint food bank rota, a "
            "grants pot the groups divide themselves and a night shelter run by three "
            "congregations. Sharing worked best when it began with front-line staff and a "
            "practical problem, and when leaders were willing to give up some control. Competition "
            "does not vanish; it learns to live alongside co-operation."
        ),
        "body": (
            "## Aims",
            "This cell brings together people who lead organisations in one place. Its starting "
            "point is that no single organisation, department or person can fix the problems a "
            "neighbourhood faces, and that the habits of competition built up over years of "
            "tendering get in the way.",
            "## Presentations",
            "A council officer from Byker described handing an estate improvement budget to the "
            "tenants' association. Her colleagues had worried about losing control; what happened "
            "instead was careful spending and a jump in residents taking part.",
            "A frontline worker from Bradford explained how a shared spreadsheet of named contacts "
            "became the backbone of joint case meetings between nine charities that still bid "
            "against each other for contracts.",
            "## Discussion",
            "- Sharing usually began with front-line staff solving a practical problem, and "
            "leaders caught up later. The leader's job was to allow it, then protect it.\n- "
            "'Co-opetition', competing and co-operating at once, is normal and need not be hidden. "
            "It works when everyone is honest about where the lines are.\n- Giving up control over "
            "money is the hardest step for public bodies, and the one that changes relationships "
            "most.\n- Faith groups have buildings, volunteers and trust across generations. They "
            "are often missing from local partnerships.",
            "## Agreed",
            "The convenors will arrange a visit to one of the places discussed. A date will be set "
            "once we know which council is willing to host.",
        ),
        "topics_next": (
            "- What does a council give up, and what does it gain, when residents hold the "
            "budget?\n- How do small groups take part in partnerships without being swallowed by "
            "them?"
        ),
    },
    {
        "cell": "changing-practices",
        "title": "Contracts, continuity and the courage to let go",
        "met_days_ago": 385,
        "status": "published",
        "author": "siobhan",
        "next_meeting_in_days": -45,
        "sightings": [
            "school-timetable",
            "housing-officers",
            "befriending-no-limit",
            "adult-social-care",
            "police-football",
        ],
        "summary": (
            "A commissioner joined us to talk about contracts. Sightings from a school, a housing "
            "association, a befriending charity, a social care team and a police team showed that "
            "continuity and open-ended time can be paid for, if funders measure outcomes in "
            "people's own words rather than counting closed cases. We also discussed power: a "
            "relationship can be unequal and still good, but only if the person with more power "
            "notices it."
        ),
        "body": (
            "## Aims",
            "At our first meeting we found that relationship-centred practice usually depends on "
            "one manager's permission. This time we asked whether it can be built into the way "
            "services are commissioned and run.",
            "## Presentations",
            "A commissioner of voluntary sector services explained why funders ask for short, "
            "countable interventions and what it took for her authority to fund a befriending "
            "scheme with no time limit. Her advice: bring the funder a different measure, not just "
            "a complaint about the old one.",
            "A housing association manager described fixing housing officers to the same estate "
            "for five years. The board agreed partly because arrears fell, but the tenants' own "
            "descriptions of the change persuaded them most.",
            "## Discussion",
            "- Time limits and caseload rotation are often there for reasons nobody remembers. It "
            "is worth asking.\n- Measuring what matters to people, in their own words, is possible "
            "and not expensive. A short conversation twice a year told the befriending charity "
            "more than its old forms did.\n- A doctor and a patient, or a probation officer and "
            "someone on licence, will never be equals. That need not spoil the relationship, but "
            "the person with more power has to be aware of it. The police officers who joined a "
            "five-a-side game, and were picked last, had understood this.\n- Some members worried "
            "that personalised approaches, like rebuilding a timetable around one pupil, cannot "
            "scale. Others argued that the point is not to scale the timetable but the habit of "
            "asking.",
            "## Agreed",
            "Members will look for sightings from justice and money advice, where we have few.",
        ),
        "topics_next": (
            "- Courts, debt and call centres: can high-volume services be relational?\n- How do we "
            "tell these stories so that they travel?"
        ),
    },
    {
        "cell": "leadership-in-place",
        "title": "When hospitals, pharmacies and fire crews talk to each other",
        "met_days_ago": 30,
        "status": "published",
        "author": "amara",
        "next_meeting_in_days": 16,
        "sightings": [
            "hospital-discharge",
            "pharmacy",
            "safe-and-well",
            "shared-apprentices",
            "hostel-interviews",
            "youth-club-budget",
        ],
        "summary": (
            "Six sightings showed agencies that usually work in separate compartments finding "
            "simple ways to connect: a ward that phones a neighbour, a pharmacist who refers "
            "straight to a link worker, fire crews who ask about loneliness, firms that share "
            "apprentices. Residents and young people holding real power, on interview panels and "
            "over budgets, changed how staff behaved. The links are personal and cheap, but they "
            "rarely survive a change of staff unless someone writes them down."
        ),
        "body": (
            "## Aims",
            "Our last meeting looked at organisations sharing money. This time we looked at "
            "organisations sharing people and information, especially where services are split "
            "into compartments that rarely talk.",
            "## Presentations",
            "A ward sister explained the single question her team now asks every older patient on "
            "admission, and how ringing a neighbour before discharge has become routine. The "
            "hospital's voluntary services team now finds someone for patients who cannot name "
            "anyone.",
            "Two members of a youth club's committee described managing its activities budget, "
            "including a cross-community football tournament. They were politely scathing about "
            "adults who consult young people and then ignore them.",
            "## Discussion",
            "- The connections that worked were between named people, not organisations: the "
            "pharmacist and the link worker, the ward sister and the faith group.\n- They cost "
            "very little, which is both their strength and why they are overlooked. Nobody budgets "
            "for a phone call.\n- When residents hold real power, on an interview panel or over a "
            "budget, staff behave differently from their first day.\n- Fire crews, pharmacists and "
            "refuse collectors see people that other services miss. Partnerships should include "
            "them.",
            "## Agreed",
            "Each member will map who in their own area already has these informal links, and what "
            "would happen if that person left.",
        ),
        "topics_next": (
            "- Writing informal links down without turning them into bureaucracy.\n- A visit: the "
            "youth club has invited us to see its next tournament."
        ),
    },
    {
        "cell": "changing-practices",
        "title": "Can high-volume services be relational?",
        "met_days_ago": 45,
        "status": "published",
        "author": "amara",
        "next_meeting_in_days": 23,
        "sightings": [
            "problem-solving-court",
            "call-centre",
            "debt-advice",
            "health-visitors",
            "chatty-checkout",
        ],
        "summary": (
            "Courts, call centres, debt advice and health visiting all handle large numbers of "
            "people, often at the worst moments of their lives. The sightings showed that even "
            "high-volume services can become relational when they remove time targets, give staff "
            "authority and keep the same person with the same case. The gains showed up as fewer "
            "repeat calls and fewer breaches. We agreed to gather the evidence in one place."
        ),
        "body": (
            "## Aims",
            "We often hear that relationship-centred practice is fine for small charities but "
            "impossible at scale. This meeting tested that claim against sightings from services "
            "that handle thousands of cases.",
            "## Presentations",
            "A support worker at a women's centre described the problem-solving court, where the "
            "same judge reviews each woman's progress monthly. What mattered most to the women, "
            "she said, was being remembered.",
            "A team leader from an energy company's arrears team explained what happened when "
            "call-time targets were dropped: longer calls, fewer repeat calls, and advisers who no "
            "longer dreaded coming to work.",
            "## Discussion",
            "- In every case the change involved removing a measure (call time, closed cases, "
            "throughput) and trusting staff to use their judgement within clear limits.\n- "
            "Continuity again proved central: the same judge, the same health visitor, the same "
            "adviser.\n- The savings are real but appear somewhere else, often in another "
            "organisation's budget. That makes them hard to claim.\n- Self-service has taken much "
            "of the human contact out of shops and banks. A slow checkout is a small act of "
            "'relationship offsetting', putting back some of what was removed.",
            "## Agreed",
            "The convenors will draft a short summary of the evidence from all three meetings for "
            "members to comment on before it is shared more widely.",
        ),
        "topics_next": (
            "- Comments on the draft summary of what we have learned.\n- Relationships and digital "
            "services: what should stay face to face?"
        ),
    },
    {
        "cell": "leadership-in-place",
        "title": "Workshop: what a shared budget needs",
        "met_days_ago": 12,
        "status": "draft",
        "author": "gareth",
        "next_meeting_in_days": 16,
        "sightings": ["tenants-budget", "council-shared-pot", "youth-club-budget"],
        "summary": (
            "An extra workshop between our regular meetings, comparing three places where "
            "residents or young people hold a budget. Draft: waiting for the presenters to check "
            "the account of their work."
        ),
        "body": (
            "## Aims",
            "An extra working session to compare the tenants' budget in Byker, the shared grants "
            "pot in Wrexham and the youth club budget in Derry, and to list what each needed to "
            "get started.",
            "## Notes so far",
            "- A simple written agreement, no longer than a page.\n- A named officer who answers "
            "questions but does not decide.\n- Accounts that are public and easy to read.",
        ),
        "topics_next": "",
    },
]

# observed_on is `days_after` days after the sighting's date_observed.
# How each meeting read some of the sightings its note links, by note title and sighting.
READINGS = {
    "What the lockdown groups kept": {
        "lunch-club": ("affirms", "A reason to meet that people enjoy outlasted the emergency."),
        "paid-volunteering": ("complicates", "Paying helpers kept it going but changed who came."),
        "uniform-swap": ("asks", "Still running two winters on? Worth asking the school."),
    },
    "Sharing money, sharing power": {
        "tenants-budget": ("affirms", "Tenants spent the money carefully and on each other."),
        "council-shared-pot": (
            "complicates",
            "The pot was shared, but the council still held the pen.",
        ),
    },
    "Can high-volume services be relational?": {
        "call-centre": ("complicates", "Continuity helped, yet targets pulled the other way."),
        "health-visitors": ("affirms", "Seeing the same visitor each time built trust quickly."),
        "chatty-checkout": ("asks", "Did the slow lane survive the next staffing review?"),
    },
}


FOLLOW_UPS = [
    {
        "sighting": "lunch-club",
        "author": "priya",
        "days_after": 200,
        "outcome": "still-happening",
        "note": (
            "Still every Thursday. It moved into the community centre for the winter because the "
            "front rooms were getting too full."
        ),
    },
    {
        "sighting": "lunch-club",
        "author": "priya",
        "days_after": 560,
        "outcome": "grown",
        "note": (
            "Now two lunches a week with a rota of eleven hosts. The council's community team "
            "asked how they could help; the answer was a set of folding tables and nothing else."
        ),
    },
    {
        "sighting": "gp-reception",
        "author": "amara",
        "days_after": 330,
        "outcome": "still-happening",
        "note": (
            "The receptionists still keep their call-back list, and two neighbouring practices "
            "have visited to see how it works."
        ),
    },
    {
        "sighting": "tenants-budget",
        "author": "gareth",
        "days_after": 365,
        "outcome": "grown",
        "note": (
            "The second year's vote drew twice as many residents, and the council has offered the "
            "same arrangement to two more estates."
        ),
    },
    {
        "sighting": "pantry",
        "author": "siobhan",
        "days_after": 365,
        "outcome": "grown",
        "note": (
            "Membership has passed two hundred households and the pantry now opens four days a "
            "week, with a café corner run by members."
        ),
    },
    {
        "sighting": "homecare-hour",
        "author": "bethan",
        "days_after": 300,
        "outcome": "faded",
        "note": (
            "The trial ended when the contract was retendered. Some care workers kept their "
            "regular clients, but most visits are booked by task again."
        ),
    },
    {
        "sighting": "uniform-swap",
        "author": "priya",
        "days_after": 300,
        "outcome": "still-happening",
        "note": (
            "The rail is still there and the coffee morning has moved to the community room so "
            "that younger siblings can come along."
        ),
    },
    {
        "sighting": "jobcentre-library",
        "author": "callum",
        "days_after": 240,
        "outcome": "faded",
        "note": (
            "The work coach moved to another team. Her successor meets most people at the "
            "jobcentre, though the library room is still used now and then."
        ),
    },
    {
        "sighting": "paid-volunteering",
        "author": "gareth",
        "days_after": 400,
        "outcome": "stopped",
        "note": (
            "After a takeover the new owners brought back the approval forms, and volunteering in "
            "work time has all but stopped. A few staff still go to the food bank in their own "
            "time."
        ),
    },
    {
        "sighting": "referral-list",
        "author": "siobhan",
        "days_after": 420,
        "outcome": "grown",
        "note": (
            "Fourteen organisations now keep the list up to date, and the council's housing "
            "options team has joined the Thursday case meetings."
        ),
    },
]
