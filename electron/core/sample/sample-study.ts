import type { SampleStudy } from './sample-types';

// The embedded sample study: a small, fictional but realistic qualitative content analysis
// (Graneheim & Lundman) that a newcomer can open, explore and take apart.
// Every person, quotation and date below is invented.

export const SAMPLE_STUDY: SampleStudy = {
  title: 'Peer mentoring in the first year of medical school',
  description:
    'A fictional study written to show how Condensa works: three focus groups, two with first-year medical students and one with their fourth- and fifth-year peer mentors, explore what the mentoring scheme meant to them. ' +
    'Two coders coded the same meaning units independently, so you can compare their work, look at where they disagreed and follow the path from condensed meaning units through codes, subcategories and categories to a single theme. ' +
    'All participants and quotations are invented.',
  methodology: 'content-analysis',

  coders: [
    { key: 'A', name: 'Amira Haddad', initials: 'AH', colour: '#2f6fdf', role: 'coder' },
    { key: 'B', name: 'Ben Okafor', initials: 'BO', colour: '#d9480f', role: 'coder' },
    { key: 'R', name: 'Clara Lindqvist', initials: 'CL', colour: '#2b8a3e', role: 'resolver' },
  ],

  attributes: [
    { key: 'role', name: 'Role', type: 'choice', choices: ['Mentee', 'Mentor', 'Facilitator'] },
    { key: 'gender', name: 'Gender', type: 'choice', choices: ['Woman', 'Man', 'Non-binary'] },
    { key: 'year', name: 'Year of study', type: 'number' },
    { key: 'campus', name: 'Campus', type: 'text' },
  ],

  participants: [
    {
      key: 'fac',
      label: 'Facilitator',
      pseudonym: 'Facilitator',
      realName: 'Noor Rahimi',
      values: { role: 'Facilitator', gender: 'Woman' },
      facilitator: true,
    },
    // Focus group 1 – mentees, Riverside campus
    { key: 'p1', label: 'P1', pseudonym: 'Mentee 1', realName: 'Sofia Marchetti', values: { role: 'Mentee', gender: 'Woman', year: '1', campus: 'Riverside' } },
    { key: 'p2', label: 'P2', pseudonym: 'Mentee 2', realName: 'Kwame Mensah', values: { role: 'Mentee', gender: 'Man', year: '1', campus: 'Riverside' } },
    { key: 'p3', label: 'P3', pseudonym: 'Mentee 3', realName: 'Priya Raghunathan', values: { role: 'Mentee', gender: 'Woman', year: '1', campus: 'Riverside' } },
    { key: 'p4', label: 'P4', pseudonym: 'Mentee 4', realName: 'Jonas Eriksson', values: { role: 'Mentee', gender: 'Man', year: '1', campus: 'Riverside' } },
    // Focus group 2 – mentees, Northgate campus
    { key: 'p5', label: 'P5', pseudonym: 'Mentee 5', realName: 'Yuki Tanaka', values: { role: 'Mentee', gender: 'Woman', year: '1', campus: 'Northgate' } },
    { key: 'p6', label: 'P6', pseudonym: 'Mentee 6', realName: 'Alex Novak', values: { role: 'Mentee', gender: 'Non-binary', year: '1', campus: 'Northgate' } },
    { key: 'p7', label: 'P7', pseudonym: 'Mentee 7', realName: 'Omar Farouk', values: { role: 'Mentee', gender: 'Man', year: '1', campus: 'Northgate' } },
    { key: 'p8', label: 'P8', pseudonym: 'Mentee 8', realName: 'Hannah Kowalczyk', values: { role: 'Mentee', gender: 'Woman', year: '1', campus: 'Northgate' } },
    // Focus group 3 – mentors, both campuses
    { key: 'p9', label: 'P9', pseudonym: 'Mentor 1', realName: 'Leila Nasser', values: { role: 'Mentor', gender: 'Woman', year: '5', campus: 'Riverside' } },
    { key: 'p10', label: 'P10', pseudonym: 'Mentor 2', realName: 'Tomás Herrera', values: { role: 'Mentor', gender: 'Man', year: '4', campus: 'Riverside' } },
    { key: 'p11', label: 'P11', pseudonym: 'Mentor 3', realName: 'Grace Adeyemi', values: { role: 'Mentor', gender: 'Woman', year: '5', campus: 'Northgate' } },
    { key: 'p12', label: 'P12', pseudonym: 'Mentor 4', realName: 'Mikael Virtanen', values: { role: 'Mentor', gender: 'Man', year: '4', campus: 'Northgate' } },
  ],

  documents: [
    // ------------------------------------------------------------------------------------------
    {
      key: 'fg1',
      title: 'Focus group 1 – mentees',
      kind: 'focus-group',
      group: 'Mentee groups',
      sessionName: 'Riverside mentees, spring term',
      sessionDate: '2026-02-11',
      facilitator: 'Facilitator',
      durationMinutes: 58,
      notes:
        'Seminar room on Riverside campus, the week after the first anatomy results came out. A relaxed group with a lot of laughter; P3 was quieter at first but spoke at length towards the end. Transcript abridged to the substantive discussion.',
      turns: [
        {
          speaker: 'fac',
          timestamp: '00:01:12',
          units: [
            {
              text: 'Thank you all for coming. To start us off, could you tell me about the first time this year you really felt you needed your mentor?',
              condensed: '',
              codes: {},
            },
          ],
        },
        {
          speaker: 'p1',
          timestamp: '00:02:03',
          units: [
            {
              text: "For me it was the week before the first anatomy exam. I mean, I'd never done an exam like that, with the pins in the specimens and a minute per station, and I honestly had no idea how to revise for it.",
              condensed: 'Did not know how to revise for the first anatomy station exam',
              codes: { A: ['c-prioritise'], B: [] },
            },
            {
              text: "She sent me her own notes from first year, with little drawings of the brachial plexus in the margins, and at the top she'd written 'you only need about half of this'.",
              condensed: "Mentor shared her annotated first-year notes and said only half was needed",
              codes: { A: ['c-notes', 'c-prioritise'], B: ['c-notes', 'c-prioritise'] },
            },
            {
              text: 'That one sentence, like, I actually slept the night before.',
              condensed: "Mentor's reassurance let her sleep before the exam",
              codes: { A: ['c-calm'], B: ['c-calm'] },
            },
          ],
        },
        {
          speaker: 'p2',
          timestamp: '00:05:40',
          units: [
            {
              text: "Mine was less dramatic, I think. On our first clinical skills day I got completely lost in the hospital, I ended up in the basement next to the laundry, and I sent my mentor a photo of a sign that said 'Sterile Services'.",
              condensed: 'Got lost in the hospital basement on first clinical day and texted mentor',
              codes: { A: ['c-hospital'], B: ['c-hospital'] },
            },
            {
              text: 'He rang me straight away, laughing, and just talked me through the corridors until I found the skills lab.',
              condensed: 'Mentor phoned at once and guided him to the skills lab',
              codes: { A: ['c-hospital', 'c-available'], B: ['c-hospital'] },
            },
            {
              text: 'And he said he did exactly the same thing in his first week, which, honestly, made it a lot less embarrassing.',
              condensed: 'Mentor had been lost too, which eased the embarrassment',
              codes: { A: ['c-normalise'], B: ['c-normalise'] },
            },
          ],
        },
        {
          speaker: 'fac',
          timestamp: '00:09:18',
          units: [
            {
              text: 'You mentioned feeling embarrassed. Have others had moments like that?',
              condensed: '',
              codes: {},
            },
          ],
        },
        {
          speaker: 'p3',
          timestamp: '00:09:52',
          units: [
            {
              text: "Um, yeah, constantly? The whole first term I felt like everyone else already knew how medicine works, like they all had parents who were doctors, and I didn't.",
              condensed: 'Felt everyone else already knew how medicine works',
              codes: { A: ['c-normalise'], B: [] },
            },
            {
              text: "Then my mentor told me she's the first in her family to study medicine too, and it was like, oh, okay. So it's possible.",
              condensed: 'Mentor was also first in her family in medicine; made it seem possible',
              codes: { A: ['c-normalise'], B: ['c-normalise'] },
            },
            {
              text: "I still don't ask her everything, though. She's in fifth year, she's out on placement all day, and I don't want to be that annoying first-year.",
              condensed: 'Holds back questions so as not to burden busy fifth-year mentor',
              codes: { A: ['c-hesitate'], B: ['c-hesitate'] },
            },
          ],
        },
        {
          speaker: 'p4',
          timestamp: '00:13:27',
          units: [
            {
              text: "I'd say kind of the opposite. On the first day my mentor said, 'there are no stupid questions, message me whenever', and he actually meant it.",
              condensed: 'Mentor invited questions at any time and meant it',
              codes: { A: ['c-available'], B: ['c-available'] },
            },
            {
              text: 'Like, I messaged him at eleven at night before the histology practical, completely panicking, and he sent back a five-minute voice note going through the slides with me.',
              condensed: 'Mentor answered late-night panic before histology practical with a voice note',
              codes: { A: ['c-available', 'c-calm'], B: ['c-available', 'c-calm'] },
            },
          ],
        },
        {
          speaker: 'fac',
          timestamp: '00:17:45',
          units: [
            {
              text: 'What about the practical side of things? How has your mentor helped you find your way around the course?',
              condensed: '',
              codes: {},
            },
          ],
        },
        {
          speaker: 'p2',
          timestamp: '00:18:20',
          units: [
            {
              text: 'Honestly, the most useful thing was being told which lectures you can watch at double speed at home and which ones you really have to be in the room for.',
              condensed: 'Mentor said which lectures need to be attended in person',
              codes: { A: ['c-prioritise'], B: ['c-prioritise'] },
            },
            {
              text: "Nobody official tells you that. It's like a secret handbook that gets passed down from year to year.",
              condensed: 'Practical know-how is passed down informally, not by the school',
              codes: { A: ['c-prioritise'], B: ['c-prioritise'] },
            },
            {
              text: 'He also said the demonstrators love asking about blood supply, so I made flashcards just for the arteries, and, yeah, two of the stations were exactly that.',
              condensed: "Mentor's tip to focus on blood supply paid off in the exam",
              codes: { A: ['c-prioritise'], B: ['c-prioritise'] },
            },
          ],
        },
        {
          speaker: 'p1',
          timestamp: '00:22:51',
          units: [
            {
              text: "And the group chat! The mentors set up a WhatsApp group for all the first-years in our cluster, and it's become, I don't know, the place where you ask the things you'd be too embarrassed to ask in a lecture.",
              condensed: 'Mentor-run WhatsApp group is where embarrassing questions get asked',
              codes: { A: ['c-network'], B: ['c-network'] },
            },
            {
              text: 'Someone asked what to wear for the first ward visit and there were about twenty replies in ten minutes.',
              condensed: 'Many quick replies in group chat about what to wear on the ward',
              codes: { A: ['c-network'], B: ['c-network'] },
            },
          ],
        },
        {
          speaker: 'p3',
          timestamp: '00:25:09',
          units: [
            {
              text: "The group's good, but it can be a bit much. I mute it in exam weeks, because everyone panics at the same time and it just spreads.",
              condensed: 'Mutes the group chat in exam weeks because panic spreads',
              codes: { A: ['c-network'], B: ['c-network'] },
            },
          ],
        },
        {
          speaker: 'fac',
          timestamp: '00:29:30',
          units: [
            {
              text: "Has there been a time when the mentoring didn't work so well for you?",
              condensed: '',
              codes: {},
            },
          ],
        },
        {
          speaker: 'p4',
          timestamp: '00:30:14',
          units: [
            {
              text: "Um, yeah. In December my mentor sort of disappeared. He had his own exams and he didn't answer anything for about three weeks.",
              condensed: 'Mentor did not answer for three weeks during his own exams',
              codes: { A: ['c-unavailable'], B: ['c-unavailable'] },
            },
            {
              text: 'I understood, I mean, of course I did, but it was right when I failed my first biochemistry quiz, and I felt a bit, like, dropped.',
              condensed: 'Felt dropped when mentor was absent after a failed quiz',
              codes: { A: ['c-unavailable'], B: ['c-unavailable'] },
            },
            {
              text: "And I didn't want to message him a second time, because that felt pushy.",
              condensed: 'Did not follow up because it felt pushy',
              codes: { A: ['c-hesitate'], B: ['c-hesitate', 'c-unavailable'] },
            },
          ],
        },
        {
          speaker: 'p1',
          timestamp: '00:34:48',
          units: [
            {
              text: 'I think it depends so much on who you get. My friend met her mentor once, in September, and that was it.',
              condensed: 'Mentoring depends on who you are matched with; a friend met hers once',
              codes: { A: ['c-unavailable'], B: ['c-unavailable'] },
            },
            {
              text: "So I feel lucky, but it shouldn't really be about luck, should it?",
              condensed: 'Feels lucky, but support should not depend on luck',
              codes: { A: ['c-unavailable'], B: ['c-unavailable'] },
            },
          ],
        },
        {
          speaker: 'fac',
          timestamp: '00:40:02',
          units: [
            {
              text: 'If you think about the year as a whole, what has having a mentor meant to you?',
              condensed: '',
              codes: {},
            },
          ],
        },
        {
          speaker: 'p3',
          timestamp: '00:40:39',
          units: [
            {
              text: "It sounds dramatic, but it made me feel like I'm allowed to be here. Like someone one step ahead turned round and said, you're fine, you're one of us.",
              condensed: 'Mentor made her feel she is allowed to be in medicine',
              codes: { A: ['c-belong'], B: ['c-belong'] },
            },
            {
              text: "I think I might have left in November without her. Maybe not, but I thought about it, seriously.",
              condensed: 'Considered leaving in November; mentor helped her stay',
              codes: { A: ['c-belong'], B: ['c-belong'] },
            },
          ],
        },
        {
          speaker: 'p2',
          timestamp: '00:45:16',
          units: [
            {
              text: "For me it's knowing the path has been walked before. Even when I don't message him, just knowing I could is kind of enough.",
              condensed: 'Knowing he could message his mentor is reassuring in itself',
              codes: { A: ['c-available'], B: ['c-available'] },
            },
            {
              text: "And I actually want to be a mentor myself in fourth year. I already think about what I'd do differently.",
              condensed: 'Wants to become a mentor and do some things differently',
              codes: { A: ['c-belong'], B: [] },
            },
          ],
        },
        {
          speaker: 'fac',
          timestamp: '00:51:33',
          units: [
            {
              text: "Thank you. Is there anything we haven't asked about that you'd like to add?",
              condensed: '',
              codes: {},
            },
          ],
        },
        {
          speaker: 'p4',
          timestamp: '00:52:05',
          units: [
            {
              text: "Just that the mentors don't get paid or anything, and I think people forget that. Mine gave up a lot of his evenings for us.",
              condensed: 'Mentors volunteer their evenings without pay',
              codes: { A: ['c-available'], B: ['c-available'] },
            },
          ],
        },
      ],
    },

    // ------------------------------------------------------------------------------------------
    {
      key: 'fg2',
      title: 'Focus group 2 – mentees',
      kind: 'focus-group',
      group: 'Mentee groups',
      sessionName: 'Northgate mentees, spring term',
      sessionDate: '2026-02-18',
      facilitator: 'Facilitator',
      durationMinutes: 63,
      notes:
        'Held over lunch in the Northgate library meeting room. The group talked readily about hierarchy, more than the Riverside group did; P5 has a mentor who is also a dissection-room demonstrator. Transcript abridged to the substantive discussion.',
      turns: [
        {
          speaker: 'fac',
          timestamp: '00:01:40',
          units: [
            {
              text: 'Thanks for being here. Maybe we could begin with what you expected from the mentoring scheme when you signed up, and how that compares with how it has actually been.',
              condensed: '',
              codes: {},
            },
          ],
        },
        {
          speaker: 'p6',
          timestamp: '00:02:22',
          units: [
            {
              text: 'I expected, honestly, something quite formal. Like a meeting once a month where you fill in a form about your goals.',
              condensed: 'Expected formal monthly meetings with forms',
              codes: {},
            },
            {
              text: 'What I got was my mentor sitting with me in the library café for two hours, drawing the cranial nerves on a napkin until I got it.',
              condensed: 'Mentor spent two hours in a café explaining cranial nerves',
              codes: { A: ['c-available'], B: ['c-notes'] },
            },
            {
              text: "It felt less like a scheme and more like, you know, having an older sibling.",
              condensed: 'Mentoring felt like having an older sibling',
              codes: { A: ['c-belong'], B: ['c-belong'] },
            },
          ],
        },
        {
          speaker: 'p7',
          timestamp: '00:06:15',
          units: [
            {
              text: 'Same, sort of. Mine is really into the practical side. The night before our first anatomy practical she got four of us into a study room and quizzed us on the models until about ten.',
              condensed: 'Mentor quizzed a small group on models the night before the practical',
              codes: { A: ['c-calm', 'c-prioritise'], B: ['c-calm', 'c-prioritise'] },
            },
            {
              text: "I was still shaking walking in the next morning, but I knew I'd already seen every one of those structures.",
              condensed: 'Still nervous but felt prepared having seen every structure',
              codes: { A: ['c-calm'], B: ['c-calm'] },
            },
          ],
        },
        {
          speaker: 'p5',
          timestamp: '00:10:48',
          units: [
            {
              text: "Mine's been a bit different, because my mentor is also one of the demonstrators in the dissection room. So in the lab he's, like, official, and then in the evening he's sending me memes.",
              condensed: 'Mentor is also a lab demonstrator; switches between official and informal',
              codes: { A: ['c-hierarchy'], B: ['c-hierarchy'] },
            },
            {
              text: "I never quite know which version of him I'm talking to. Do I use his first name in front of the professor? It's awkward.",
              condensed: 'Unsure how to address mentor in front of staff; feels awkward',
              codes: { A: ['c-hierarchy'], B: ['c-hierarchy'] },
            },
          ],
        },
        {
          speaker: 'fac',
          timestamp: '00:14:03',
          units: [
            {
              text: 'Could you say a bit more about that awkwardness? Has anyone else felt it?',
              condensed: '',
              codes: {},
            },
          ],
        },
        {
          speaker: 'p8',
          timestamp: '00:14:31',
          units: [
            {
              text: "Yeah, a little. There's this feeling that they're, I don't know, above us. They've been on the wards, they talk about consultants by their first names.",
              condensed: 'Mentors seem above them, on first-name terms with consultants',
              codes: { A: ['c-hierarchy'], B: ['c-hierarchy'] },
            },
            {
              text: "So I'd never message mine about something small. I'd rather ask my flatmate and get it wrong.",
              condensed: 'Avoids asking mentor small things; asks flatmate instead',
              codes: { A: ['c-hesitate'], B: ['c-hesitate'] },
            },
          ],
        },
        {
          speaker: 'p6',
          timestamp: '00:18:56',
          units: [
            {
              text: 'It does get better, though. At the start I was super formal with mine, and then she told me she failed her first clinical exam station because she forgot to wash her hands.',
              condensed: "Mentor's story of failing an exam station made things less formal",
              codes: { A: ['c-normalise'], B: ['c-normalise'] },
            },
            {
              text: "And after that it was like, okay. You're a person.",
              condensed: 'Mentor became a real person to them',
              codes: { A: ['c-normalise'], B: ['c-belong'] },
            },
          ],
        },
        {
          speaker: 'fac',
          timestamp: '00:23:10',
          units: [
            {
              text: 'What about the hospital, your first clinical days? How has the mentoring shaped those?',
              condensed: '',
              codes: {},
            },
          ],
        },
        {
          speaker: 'p7',
          timestamp: '00:23:44',
          units: [
            {
              text: "Oh, the hospital. On the first placement day I stood in the middle of a ward for, like, fifteen minutes, because I didn't know who I was supposed to introduce myself to.",
              condensed: 'Stood lost on the ward, not knowing whom to approach',
              codes: { A: ['c-hospital'], B: ['c-hospital'] },
            },
            {
              text: 'Afterwards my mentor explained the whole thing: you find the nurse in charge first, not the doctors, and you ask where you can be useful.',
              condensed: 'Mentor explained to go to the nurse in charge first and offer help',
              codes: { A: ['c-hospital', 'c-hierarchy'], B: ['c-hospital', 'c-hierarchy'] },
            },
            {
              text: "It's so obvious once someone says it. But nobody says it.",
              condensed: 'Ward etiquette is obvious once told, but nobody tells you',
              codes: { A: ['c-hospital'], B: ['c-hospital'] },
            },
          ],
        },
        {
          speaker: 'p8',
          timestamp: '00:28:37',
          units: [
            {
              text: "Mine gave me a list, actually. A little document called 'things I wish I'd known in first year': which canteen is open at night, which atlas to buy second-hand, which lifts are always broken.",
              condensed: "Mentor gave her a written list of first-year tips",
              codes: { A: ['c-notes'], B: ['c-notes'] },
            },
            {
              text: "I've shared it with basically everyone on my corridor.",
              condensed: "Passed the mentor's list on to peers",
              codes: { A: ['c-notes'], B: ['c-network'] },
            },
          ],
        },
        {
          speaker: 'fac',
          timestamp: '00:33:05',
          units: [
            {
              text: 'Several of you have said your mentors are busy. How do you think about their time?',
              condensed: '',
              codes: {},
            },
          ],
        },
        {
          speaker: 'p5',
          timestamp: '00:33:40',
          units: [
            {
              text: "I worry about it, to be honest. Mine's in fifth year and he always looks so tired. He told us he sleeps about five hours before exams.",
              condensed: 'Worries about her tired fifth-year mentor',
              codes: { A: ['c-hesitate'], B: [] },
            },
            {
              text: 'So I feel guilty asking him for anything. He has enough on his plate.',
              condensed: 'Feels guilty asking an overloaded mentor for help',
              codes: { A: ['c-hesitate'], B: ['c-hesitate'] },
            },
            {
              text: "And, I mean, it's a bit scary to see. Is that what fifth year looks like?",
              condensed: "Mentor's fatigue makes her uneasy about later years",
              codes: {},
            },
          ],
        },
        {
          speaker: 'p6',
          timestamp: '00:38:12',
          units: [
            {
              text: "Mine has been really clear about it, which I like. She said, 'I'm off on Sundays and I don't answer after nine', and she sticks to it.",
              condensed: 'Mentor set clear limits on her availability, which is appreciated',
              codes: { A: ['c-available'], B: ['c-available'] },
            },
            {
              text: "It means when she does answer, I know she's actually got time for me.",
              condensed: 'Clear limits make the replies feel wholehearted',
              codes: { A: ['c-available'], B: ['c-available'] },
            },
          ],
        },
        {
          speaker: 'fac',
          timestamp: '00:44:50',
          units: [
            {
              text: 'Looking back over the year, what would you say the mentoring has given you?',
              condensed: '',
              codes: {},
            },
          ],
        },
        {
          speaker: 'p7',
          timestamp: '00:45:21',
          units: [
            {
              text: "Confidence, mostly. Not in what I know, I mean, I still know nothing, but confidence that I'm on the right track.",
              condensed: 'Gained confidence of being on the right track',
              codes: { A: ['c-belong'], B: ['c-belong'] },
            },
          ],
        },
        {
          speaker: 'p8',
          timestamp: '00:49:58',
          units: [
            {
              text: "For me it's that I don't feel like a visitor any more. In September I felt like a tourist in the medical school, and now I've got someone who's shown me round the house.",
              condensed: 'No longer feels like a visitor; mentor showed her round',
              codes: { A: ['c-belong'], B: ['c-belong'] },
            },
            {
              text: 'Last week a lost patient asked me the way to outpatients, and I actually knew, and I thought, huh, look at me.',
              condensed: 'Could give a patient directions in the hospital herself',
              codes: { A: ['c-belong', 'c-hospital'], B: ['c-belong', 'c-hospital'] },
            },
          ],
        },
        {
          speaker: 'p5',
          timestamp: '00:54:36',
          units: [
            {
              text: "I'd add that it's made me kinder to myself. When I failed the first histology quiz my mentor just said, 'that's the quiz doing its job, it's not you failing yours'.",
              condensed: 'Mentor reframed a failed quiz, helping her be kinder to herself',
              codes: { A: ['c-normalise', 'c-calm'], B: ['c-normalise', 'c-calm'] },
            },
          ],
        },
        {
          speaker: 'fac',
          timestamp: '00:59:47',
          units: [
            {
              text: "Thank you so much, all of you. Before we finish, is there anything you'd like to say that we haven't touched on?",
              condensed: '',
              codes: {},
            },
          ],
        },
      ],
    },

    // ------------------------------------------------------------------------------------------
    {
      key: 'fg3',
      title: 'Focus group 3 – mentors',
      kind: 'focus-group',
      group: 'Mentor group',
      sessionName: 'Mentors from both campuses',
      sessionDate: '2026-03-04',
      facilitator: 'Facilitator',
      durationMinutes: 67,
      notes:
        'Early evening on Riverside campus; two mentors came straight from placement and were visibly tired. Candid about being hard to reach at times. Mentors were asked not to name or describe their mentees in identifiable ways. Transcript abridged to the substantive discussion.',
      turns: [
        {
          speaker: 'fac',
          timestamp: '00:00:58',
          units: [
            {
              text: 'Thank you for making time in the middle of your placements. Could we start with why you decided to become a mentor?',
              condensed: '',
              codes: {},
            },
          ],
        },
        {
          speaker: 'p11',
          timestamp: '00:01:45',
          units: [
            {
              text: "Partly because I had a pretty awful first year. I mean, I was quite alone, and nobody told me it's normal to feel completely out of your depth.",
              condensed: 'Had a lonely first year with no one saying struggling is normal',
              codes: { A: [], B: ['c-normalise'] },
            },
            {
              text: "So I wanted to be the person I didn't have.",
              condensed: 'Wanted to be the support she lacked',
              codes: { A: ['c-pride'], B: ['c-pride'] },
            },
          ],
        },
        {
          speaker: 'p10',
          timestamp: '00:05:32',
          units: [
            {
              text: "For me it was a bit CV-driven at first, honestly. I'm not going to pretend otherwise.",
              condensed: 'Joined partly for his CV',
              codes: {},
            },
            {
              text: "But then my first mentee messaged me after her anatomy exam, just 'I passed, thank you', with about fifteen exclamation marks, and I was like, oh. This actually matters.",
              condensed: "Mentee's thank-you after her exam made mentoring feel meaningful",
              codes: { A: ['c-pride'], B: ['c-pride'] },
            },
          ],
        },
        {
          speaker: 'fac',
          timestamp: '00:09:40',
          units: [
            {
              text: 'What has it been like to be the one doing the explaining?',
              condensed: '',
              codes: {},
            },
          ],
        },
        {
          speaker: 'p9',
          timestamp: '00:10:11',
          units: [
            {
              text: 'Humbling. I thought I knew the brachial plexus, and then a first-year asks you why it is wired like that, and you just, you stand there.',
              condensed: "A mentee's question exposed gaps in her own anatomy",
              codes: { A: ['c-explain'], B: ['c-explain'] },
            },
            {
              text: "I went home and re-read the whole chapter. It's probably the best I've ever understood it.",
              condensed: 'Re-reading in order to explain gave her deepest understanding',
              codes: { A: ['c-explain'], B: ['c-explain'] },
            },
          ],
        },
        {
          speaker: 'p12',
          timestamp: '00:14:27',
          units: [
            {
              text: 'Yeah, and you learn that explaining is not the same as knowing. The first few times I just talked at them, like a lecture, and I could see their eyes glazing over.',
              condensed: 'Early explanations were lecture-like and lost the mentees',
              codes: { A: ['c-method'], B: ['c-method'] },
            },
            {
              text: "Now I make them explain it to me first. It's slower, but it sticks.",
              condensed: 'Now asks mentees to explain first; slower but lasting',
              codes: { A: ['c-method'], B: ['c-method'] },
            },
            {
              text: 'I picked that up from watching a registrar teach on the ward, actually.',
              condensed: 'Learned the approach by watching a registrar teach',
              codes: { A: ['c-method'], B: ['c-method'] },
            },
          ],
        },
        {
          speaker: 'p11',
          timestamp: '00:19:03',
          units: [
            {
              text: 'And you have to decide what to leave out. First-years want every detail, and part of the job is saying, no, honestly, you can skip this bit.',
              condensed: 'Part of mentoring is telling mentees what they can skip',
              codes: { A: ['c-method'], B: ['c-method', 'c-prioritise'] },
            },
            {
              text: 'That felt like a big responsibility, to be honest. What if I get it wrong and they fail because of me?',
              condensed: 'Fears her advice on what to skip could make them fail',
              codes: { A: ['c-load'], B: ['c-load'] },
            },
          ],
        },
        {
          speaker: 'fac',
          timestamp: '00:24:15',
          units: [
            {
              text: 'In the other groups, some mentees told us their mentors were hard to reach at times. How do you think about your own availability?',
              condensed: '',
              codes: {},
            },
          ],
        },
        {
          speaker: 'p10',
          timestamp: '00:24:50',
          units: [
            {
              text: 'Guilty, is the honest answer. During my paediatrics rotation I went quiet for a couple of weeks. I just could not hold it all at once.',
              condensed: 'Went quiet for weeks during a heavy rotation; feels guilty',
              codes: { A: ['c-load'], B: ['c-unavailable'] },
            },
            {
              text: "And nobody tells you how to say 'I can't right now' without it sounding like 'I don't care about you'.",
              condensed: 'Lacks a way to say he is unavailable without seeming uncaring',
              codes: { A: ['c-boundaries'], B: ['c-boundaries'] },
            },
          ],
        },
        {
          speaker: 'p9',
          timestamp: '00:29:22',
          units: [
            {
              text: "I learned that the hard way. In October I was answering messages at one in the morning, and then I'd lie awake wondering if one of them was okay.",
              condensed: 'Answered messages at night and lay awake worrying about mentees',
              codes: { A: ['c-load'], B: ['c-load'] },
            },
            {
              text: 'So now I have office hours, basically. Sunday evening I answer everything, and the rest of the week only if it is urgent.',
              condensed: 'Set a fixed weekly time for answering messages',
              codes: { A: ['c-boundaries'], B: ['c-boundaries'] },
            },
            {
              text: 'And they respect it. More than I expected, actually.',
              condensed: 'Mentees respected her limits more than expected',
              codes: { A: ['c-boundaries'], B: ['c-boundaries'] },
            },
          ],
        },
        {
          speaker: 'p12',
          timestamp: '00:35:08',
          units: [
            {
              text: "There's another kind of boundary that's harder. One of my mentees was really struggling, not sleeping, crying in the library, and I didn't know if I was meant to be her friend or send her to the counselling service.",
              condensed: 'Unsure whether to support a distressed mentee himself or refer her on',
              codes: { A: ['c-boundaries'], B: ['c-boundaries'] },
            },
            {
              text: 'In the end I walked over to student support with her. But I thought about it for weeks afterwards.',
              condensed: 'Went with mentee to student support; it stayed with him for weeks',
              codes: { A: ['c-boundaries', 'c-load'], B: ['c-boundaries'] },
            },
          ],
        },
        {
          speaker: 'fac',
          timestamp: '00:41:30',
          units: [
            {
              text: "How does it feel to be in that in-between position, senior to them but still students yourselves?",
              condensed: '',
              codes: {},
            },
          ],
        },
        {
          speaker: 'p11',
          timestamp: '00:42:02',
          units: [
            {
              text: "Weird! On the ward I'm the lowest of the low, and then I walk back to campus and suddenly I'm the expert.",
              condensed: 'Lowest on the ward, yet the expert on campus',
              codes: { A: ['c-identity'], B: ['c-identity', 'c-hierarchy'] },
            },
            {
              text: 'It has made me think about what kind of doctor I want to be. The ones who teach on the ward, who remember your name, those are the ones I want to be like.',
              condensed: 'Mentoring shapes her picture of the doctor she wants to become',
              codes: { A: ['c-identity'], B: ['c-identity'] },
            },
          ],
        },
        {
          speaker: 'p10',
          timestamp: '00:46:45',
          units: [
            {
              text: "I never thought of myself as a teacher. But last month a mentee said, 'you explain it better than the lecturer', and I went bright red, and then I sort of thought, maybe I'm actually good at this?",
              condensed: "Mentee's praise made him see himself as a capable teacher",
              codes: { A: ['c-identity', 'c-pride'], B: ['c-identity', 'c-pride'] },
            },
          ],
        },
        {
          speaker: 'fac',
          timestamp: '00:52:10',
          units: [
            {
              text: "What would you want the programme to change for next year's mentors?",
              condensed: '',
              codes: {},
            },
          ],
        },
        {
          speaker: 'p12',
          timestamp: '00:52:41',
          units: [
            {
              text: "Some actual training. We had one lunchtime session and a slide deck. I'd have liked someone to teach us how to teach, and what to do when a mentee is really not okay.",
              condensed: 'Wants real training in teaching and in handling distress',
              codes: { A: ['c-method', 'c-boundaries'], B: ['c-method', 'c-boundaries'] },
            },
          ],
        },
        {
          speaker: 'p9',
          timestamp: '00:57:19',
          units: [
            {
              text: 'And check in on us a bit. We are all quite tired. I love doing it, but there were weeks when I was running on empty.',
              condensed: 'Wants check-ins for mentors; some weeks ran on empty',
              codes: { A: ['c-load'], B: ['c-load'] },
            },
            {
              text: "If we burn out, the first-years see it, and that's not the message we want to give them about medicine.",
              condensed: 'Mentor burnout would send first-years the wrong message',
              codes: { A: ['c-load'], B: ['c-load'] },
            },
          ],
        },
        {
          speaker: 'p11',
          timestamp: '01:01:54',
          units: [
            {
              text: "But I'd do it again. Watching my mentees walk into the hospital in their first week like they owned the place, just a little bit, that's the proudest I've been all year.",
              condensed: 'Proud to see mentees enter the hospital with confidence',
              codes: { A: ['c-pride'], B: ['c-pride'] },
            },
            {
              text: "In a year and a half I'll be a junior doctor with students trailing behind me. I think this has been my rehearsal.",
              condensed: 'Sees mentoring as rehearsal for teaching as a junior doctor',
              codes: { A: ['c-identity'], B: ['c-identity'] },
            },
          ],
        },
      ],
    },
  ],

  codebook: [
    {
      key: 'theme',
      level: 'theme',
      name: 'Learning to belong in medicine through a trusted other',
      definition:
        'The latent thread across all three groups: a slightly more senior student makes medical school knowable and bearable for newcomers, and in doing so the mentors, too, begin to see themselves as members of the profession.',
      inclusion: 'Interpretive level; reached through the categories below rather than applied to meaning units.',
      exclusion: 'Not applied directly to meaning units.',
      colour: '#5c4d7d',
      children: [
        // ------------------------------------------------------------------------------------
        {
          key: 'cat-harbour',
          level: 'category',
          name: 'Finding a safe harbour',
          definition:
            'The emotional side of being mentored: feeling reassured, accepted and able (or unable) to turn to someone who has been there before.',
          inclusion: 'Feelings about oneself, the course or the mentor relationship, as told mainly by mentees.',
          exclusion: 'Practical know-how about the course or hospital (see Navigating the hidden curriculum).',
          colour: '#0b7285',
          children: [
            {
              key: 'sc-reassure',
              level: 'subcategory',
              name: 'Being reassured by someone who has been there',
              definition: "Worry, shame or a sense of not fitting in is eased by a mentor's experience, words or presence.",
              inclusion: 'Units where the mentor calms, normalises or welcomes.',
              exclusion: "Whether the mentor can be reached at all (see Reaching out across the year gap).",
              colour: '#1098ad',
              children: [
                {
                  key: 'c-normalise',
                  level: 'code',
                  name: 'Hearing that struggling is normal',
                  definition: 'The mentor shows, often through their own story, that difficulty and failure are part of the path.',
                  inclusion: "Mentor's own mistakes or failures; reframing a setback; the relief of learning others struggled too.",
                  exclusion: 'Calming nerves before a specific exam (Easing exam nerves).',
                  colour: '#22b8cf',
                },
                {
                  key: 'c-calm',
                  level: 'code',
                  name: 'Easing exam nerves',
                  definition: 'The mentor reduces anxiety around a specific exam, practical or quiz.',
                  inclusion: 'Reassurance, rehearsal or company in the run-up to an assessment, and the calmer feeling that follows.',
                  exclusion: 'Advice about what to study, unless the emotional effect is described (Learning what to focus on).',
                  colour: '#66d9e8',
                },
                {
                  key: 'c-belong',
                  level: 'code',
                  name: 'Feeling welcomed in',
                  definition: 'A sense of being accepted into medicine, of no longer being a visitor or an impostor.',
                  inclusion: 'Being "one of us"; staying on the course; growing confidence of being in the right place.',
                  exclusion: "Mentors' own professional identity (Seeing oneself as a teacher).",
                  colour: '#0c8599',
                },
              ],
            },
            {
              key: 'sc-reach',
              level: 'subcategory',
              name: 'Reaching out across the year gap',
              definition: 'Whether, when and how mentees feel able to turn to their mentor.',
              inclusion: 'Accessibility of the mentor, as experienced by the mentee.',
              exclusion: "Mentors' own account of limiting their time (Setting boundaries).",
              colour: '#2a9d8f',
              children: [
                {
                  key: 'c-available',
                  level: 'code',
                  name: 'Knowing someone is there',
                  definition: 'The mentor is experienced as reachable, generous with time, or reliably present within clear limits.',
                  inclusion: 'Quick replies, open invitations, time given freely, predictable availability.',
                  exclusion: 'The content of the help given (code the content instead, e.g. Sharing notes and resources).',
                  colour: '#38b2a3',
                },
                {
                  key: 'c-unavailable',
                  level: 'code',
                  name: 'Feeling let down by an absent mentor',
                  definition: 'The mentor is unreachable, or the mentee sees that support depends on the luck of the match.',
                  inclusion: 'Silence, cancelled contact, uneven mentoring between peers, feeling dropped.',
                  exclusion: "The mentee's own reluctance to ask (Hesitating to bother a senior).",
                  colour: '#74c7b8',
                },
                {
                  key: 'c-hesitate',
                  level: 'code',
                  name: 'Hesitating to bother a senior',
                  definition: 'The mentee holds back from asking because the mentor seems busy, tired or senior.',
                  inclusion: 'Guilt about asking, fear of being annoying or pushy, asking peers instead.',
                  exclusion: "The mentor's actual absence (Feeling let down by an absent mentor).",
                  colour: '#1f7a70',
                },
              ],
            },
          ],
        },
        // ------------------------------------------------------------------------------------
        {
          key: 'cat-hidden',
          level: 'category',
          name: 'Navigating the hidden curriculum',
          definition:
            'The practical know-how of medical school that is rarely written down, passed from mentor to mentee and among peers.',
          inclusion: 'What to study, where to go, how to behave and whom to ask.',
          exclusion: 'How the mentee feels about it, unless the unit is mainly about the know-how itself.',
          colour: '#b35c00',
          children: [
            {
              key: 'sc-practical',
              level: 'subcategory',
              name: 'Getting the know-how for studying',
              definition: 'Mentors pass on materials and judgement about how to study.',
              inclusion: 'Study materials, revision strategy, what matters for exams.',
              exclusion: 'Clinical settings and unwritten social rules (Decoding unwritten rules).',
              colour: '#e67700',
              children: [
                {
                  key: 'c-notes',
                  level: 'code',
                  name: 'Sharing notes and resources',
                  definition: 'The mentor hands over notes, lists, drawings or other materials.',
                  inclusion: 'Old notes, tip sheets, sketches, recommended books.',
                  exclusion: 'Tips spread through the group chat or peers (Learning through the wider network).',
                  colour: '#f59f00',
                },
                {
                  key: 'c-prioritise',
                  level: 'code',
                  name: 'Learning what to focus on',
                  definition: 'Guidance on what matters and what can be skipped, or not knowing how to study.',
                  inclusion: 'Which lectures to attend, what examiners ask, how much to learn, uncertainty about revising.',
                  exclusion: 'Handing over the materials themselves (Sharing notes and resources).',
                  colour: '#fcc419',
                },
              ],
            },
            {
              key: 'sc-norms',
              level: 'subcategory',
              name: 'Decoding unwritten rules',
              definition: 'Making sense of the hospital, its hierarchy and the informal ways information travels.',
              inclusion: 'Clinical settings, forms of address, seniority, group channels.',
              exclusion: 'Exam-focused study advice (Getting the know-how for studying).',
              colour: '#d9822b',
              children: [
                {
                  key: 'c-hospital',
                  level: 'code',
                  name: 'Finding one’s way in the hospital',
                  definition: 'Getting around the hospital physically and socially, from corridors to ward routines.',
                  inclusion: 'Getting lost, ward etiquette, knowing whom to approach on arrival.',
                  exclusion: 'Seniority and forms of address as such (Reading the hierarchy).',
                  colour: '#e8a45c',
                },
                {
                  key: 'c-hierarchy',
                  level: 'code',
                  name: 'Reading the hierarchy',
                  definition: 'Working out positions of seniority and how to behave towards them, including towards the mentor.',
                  inclusion: 'Dual roles, forms of address, mentors seeming "above", ward pecking order.',
                  exclusion: 'Not asking because of seniority (Hesitating to bother a senior).',
                  colour: '#a65e1f',
                },
                {
                  key: 'c-network',
                  level: 'code',
                  name: 'Learning through the wider network',
                  definition: 'Know-how travels through the group chat and peers rather than one-to-one.',
                  inclusion: 'The mentor-run WhatsApp group, passing tips on to classmates, collective panic.',
                  exclusion: 'Materials handed directly by the mentor (Sharing notes and resources).',
                  colour: '#f0b37e',
                },
              ],
            },
          ],
        },
        // ------------------------------------------------------------------------------------
        {
          key: 'cat-teacher',
          level: 'category',
          name: 'Growing into the teacher role',
          definition:
            "The mentors' own development: learning by teaching, finding a way to teach, and carrying both the rewards and the weight of the role.",
          inclusion: 'Mentors speaking about themselves as mentors.',
          exclusion: "Mentees' experience of being mentored, even when they speak about their mentor's workload.",
          colour: '#862e9c',
          children: [
            {
              key: 'sc-teaching',
              level: 'subcategory',
              name: 'Learning to teach',
              definition: 'Mentors discover what teaching demands and begin to see themselves as teachers.',
              inclusion: 'Knowledge gaps, teaching approaches, emerging teacher identity.',
              exclusion: 'Emotional rewards and costs of the role (Carrying the mentor role).',
              colour: '#ae3ec9',
              children: [
                {
                  key: 'c-explain',
                  level: 'code',
                  name: 'Learning by explaining',
                  definition: "Explaining to a mentee reveals gaps in the mentor's own knowledge and deepens it.",
                  inclusion: 'Being caught out by a question, re-reading, understanding better through teaching.',
                  exclusion: 'How the mentor teaches (Finding a way to teach).',
                  colour: '#cc5de8',
                },
                {
                  key: 'c-method',
                  level: 'code',
                  name: 'Finding a way to teach',
                  definition: 'Trying, dropping and adopting ways of teaching, and wishing for training in them.',
                  inclusion: 'Lecturing versus asking, deciding what to leave out, learning from role models, requests for training.',
                  exclusion: 'Gaps in the mentor’s own knowledge (Learning by explaining).',
                  colour: '#da77f2',
                },
                {
                  key: 'c-identity',
                  level: 'code',
                  name: 'Seeing oneself as a teacher',
                  definition: 'Mentors begin to think of themselves as teachers and future doctors who teach.',
                  inclusion: 'Being seen as an expert, role models for teaching, mentoring as rehearsal.',
                  exclusion: "Mentees' sense of belonging (Feeling welcomed in).",
                  colour: '#9c36b5',
                },
              ],
            },
            {
              key: 'sc-cost',
              level: 'subcategory',
              name: 'Carrying the mentor role',
              definition: 'What the role gives mentors and what it asks of them.',
              inclusion: 'Meaning, pride, limits, fatigue and responsibility.',
              exclusion: 'Teaching itself (Learning to teach).',
              colour: '#a23b72',
              children: [
                {
                  key: 'c-pride',
                  level: 'code',
                  name: 'Finding meaning and pride',
                  definition: 'Mentoring feels worthwhile: mentors take pride in their mentees or find purpose in the role.',
                  inclusion: 'Thanks from mentees, watching them grow, wanting to give what one lacked.',
                  exclusion: 'Instrumental motives such as the CV, unless meaning is described.',
                  colour: '#c94f8a',
                },
                {
                  key: 'c-boundaries',
                  level: 'code',
                  name: 'Setting boundaries',
                  definition: 'Deciding where the mentor role ends: in time, in emotional involvement and in responsibility.',
                  inclusion: 'Office hours, saying no, friend versus mentor, referring on to student support.',
                  exclusion: "Mentees' view of their mentor's limits (Knowing someone is there).",
                  colour: '#d6749f',
                },
                {
                  key: 'c-load',
                  level: 'code',
                  name: 'Feeling the weight of the role',
                  definition: 'Fatigue, worry and felt responsibility that come with mentoring alongside one’s own studies.',
                  inclusion: 'Running on empty, lying awake, fear of giving wrong advice, worries about burnout.',
                  exclusion: 'The decision to set limits (Setting boundaries).',
                  colour: '#8a2c5a',
                },
              ],
            },
          ],
        },
      ],
    },
  ],

  quotes: [
    { node: 'cat-harbour', unitStartsWith: "Then my mentor told me she's the first in her family" },
    { node: 'cat-harbour', unitStartsWith: "For me it's knowing the path has been walked before." },
    { node: 'cat-hidden', unitStartsWith: 'Honestly, the most useful thing was being told which lectures' },
    { node: 'cat-hidden', unitStartsWith: "It's so obvious once someone says it." },
    { node: 'cat-teacher', unitStartsWith: 'I picked that up from watching a registrar' },
    { node: 'cat-teacher', unitStartsWith: "In a year and a half I'll be a junior doctor" },
  ],
  memos: [
    {
      target: { type: 'project', key: null },
      author: 'A',
      title: 'Aim and analytic decisions',
      body:
        'We want to understand what peer mentoring means to first-year students and to the mentors themselves. We chose manifest condensation close to the text and kept interpretation for the category and theme levels. Ben and I code every meaning unit independently; Clara resolves the disagreements afterwards, so neither of us sees the other’s codes until the comparison.',
    },
    {
      target: { type: 'document', key: 'fg3' },
      author: 'B',
      title: 'Mood in the mentor group',
      body:
        'Two of the four came straight from the wards and were tired; the talk about burnout may partly reflect that evening. They were more open than expected about going quiet on their mentees. Worth reading alongside P4 in focus group 1, without assuming they describe the same pairing.',
    },
    {
      target: { type: 'node', key: 'c-normalise' },
      author: 'A',
      title: 'Where does context end?',
      body:
        'Most of our disagreements on this code are units that describe the struggle before the mentor appears. I coded P3’s first answer in group 1 and Ben read it as context; with P11 in group 3 it was the other way round. We need a shared rule before the next round: does a unit have to involve the mentor to be coded here?',
    },
    {
      target: { type: 'node', key: 'cat-teacher' },
      author: 'B',
      title: 'Only the mentors speak here',
      body:
        'This category comes entirely from focus group 3. P2 in group 1 says he wants to be a mentor one day, but that is anticipation, not development, so it stays under Feeling welcomed in. If the mentee groups keep hinting at it, we might consider a subcategory on passing it on.',
    },
    {
      target: { type: 'participant', key: 'p5' },
      author: 'B',
      title: 'A mentor with two hats',
      body:
        'P5’s mentor is also a demonstrator in the dissection room, which shapes everything she says about hierarchy. Her worry about what fifth year looks like is left uncoded for now; it may be the seed of a code about glimpsing the cost of medicine through the mentor.',
    },
  ],

  journal: [
    {
      date: '2026-02-11',
      author: 'A',
      body:
        'First focus group today. I had a wonderful mentor myself in first year and caught myself nodding along whenever someone praised theirs. I need to give the stories about absent mentors the same attention, and I will ask Ben to look out for this when we compare.',
    },
    {
      date: '2026-02-19',
      author: 'B',
      body:
        'The Northgate group talked about hierarchy much more than I expected. Having trained abroad, I notice the unwritten rules of this hospital quite sharply myself, so I may be primed to hear them. Wrote the condensations before reading my notes from the session, to stay closer to the words.',
    },
    {
      date: '2026-03-05',
      author: 'B',
      body:
        'After the mentor group I felt protective of the mentors, and a bit defensive on behalf of the mentees who felt dropped. Both feelings are mine, not the data’s. The teacher-role material was new to us: none of it was in our interview guide.',
    },
    {
      date: '2026-03-20',
      author: 'A',
      body:
        'Compared our coding for the first time. We agree on most units; the disagreements cluster around context units and around whether a mentor going quiet is about the mentor’s load or the mentee’s loss. Leaving these for Clara rather than settling them between ourselves.',
    },
  ],
};
