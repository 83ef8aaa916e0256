#!/usr/bin/env python3
"""Generate data/demo.json: the sqa-board demo dataset (fictional county of Wealdshire).

Deterministic: no randomness, no clock. Python 3 standard library only.
Run from the repository root:  python3 data/make_demo.py [OUT]
OUT defaults to demo.json beside this script; tests/demo_data.rs writes to a temporary file and
fails if the result differs from the committed data/demo.json.
The output is exactly serde_json of sqa_board::domain::Dataset.

The story is dated around TODAY (src/demo.rs STORY_DATE says the same day); `sqa demo` moves
it by whole weeks into the current week when it loads the demo.
"""

import json
import os
import sys
from datetime import date, timedelta

TODAY = date(2026, 11, 23)

OFFICERS = ["Priya Shah", "Tom Hughes", "Joanne Clarke", "Mark Ellison"]
HEAD_OF_SERVICE = "Helen Marsh"
ATTENDEES = [
    "Helen Marsh (Head of Learning and Skills)",
    "Priya Shah",
    "Tom Hughes",
    "Joanne Clarke",
    "Mark Ellison",
    "Dr Ruth Adeyemi (SEND and Inclusion)",
]
COFE = "Diocese of Wealdbury"
RC = "Catholic Diocese of Northwold"
MAT1 = "Wealdshire Learning Trust"
MAT2 = "Heron Valley Academies Trust"
MAT3 = "Wealdbury Diocesan Academies Trust"
FED = "Fenby Valley Federation"

# ---------------------------------------------------------------- ids


class Ids:
    def __init__(self, start):
        self.n = start - 1

    def next(self):
        self.n += 1
        return self.n


IDS = Ids(1001)


def d(s):
    return date.fromisoformat(s)


def iso(x):
    return None if x is None else x.isoformat()


def ts(day, hh, mm):
    return "%sT%02d:%02d:00Z" % (day.isoformat(), hh, mm)


def weekday(x):
    """Move a weekend date to the following Monday."""
    while x.weekday() >= 5:
        x += timedelta(days=1)
    return x


# ---------------------------------------------------------------- scheme (= Scheme::la_default())


def cat(key, name, label, symbol, colour, desc, weeks, visits, strategy):
    return {
        "key": key,
        "name": name,
        "label": label,
        "symbol": symbol,
        "colour": colour,
        "description": desc,
        "entitlement": {
            "checkpoint_weeks": weeks,
            "visits_per_year": visits,
            "strategy_meetings": strategy,
        },
    }


SCHEME = {
    "name": "Local authority default",
    "categories": [
        cat("high", "High", "HIGH", "\u25b2", "red", "Intensive support", 6, 9, True),
        cat("medium", "Medium", "MED", "\u25c6", "yellow", "Targeted support", 12, 6, False),
        cat("low", "Low", "LOW", "\u25cf", "green", "Light touch", None, 3, False),
        cat("universal", "Universal", "UNIV", "\u25cb", "blue", "Self-improving", None, 1, False),
    ],
}
RANK = {"high": 0, "medium": 1, "low": 2, "universal": 3}

# ---------------------------------------------------------------- schools
# key, urn, name, phase, type, trust, diocese, head, chair, officer, pupils, ofsted, ofsted date,
# report card (if inspected under the 2025 framework), opened, categories at (spring, summer, autumn) 2026, themes

S = [
    dict(k="ashcombe", urn=990001, name="Ashcombe Church of England Primary School", phase="Primary",
         type="VoluntaryControlled", trust=None, dio=COFE, head="Claire Whitmore", chair="Revd Andrew Lyle",
         off="Priya Shah", pupils=208, ofsted="Good", od="2022-03-09", opened=None,
         cats=("low", "low", "low"), themes=["curriculum", "reading"]),
    dict(k="lfenby", urn=990002, name="Little Fenby Church of England Primary School", phase="Primary",
         type="VoluntaryControlled", trust=FED, dio=COFE, head="Rachel Dunmore", chair="Geoffrey Pike",
         off="Priya Shah", pupils=46, ofsted="Good", od="2019-11-20", opened=None,
         cats=("low", "medium", "medium"), themes=["leadership", "curriculum", "finance"]),
    dict(k="gfenby", urn=990003, name="Great Fenby Primary School", phase="Primary",
         type="Community", trust=FED, dio=None, head="Rachel Dunmore", chair="Geoffrey Pike",
         off="Priya Shah", pupils=94, ofsted="Good", od="2021-10-06", opened=None,
         cats=("low", "low", "medium"), themes=["leadership", "maths", "reading"]),
    dict(k="cuthbert", urn=990004, name="St Cuthbert's Catholic Primary School", phase="Primary",
         type="VoluntaryAided", trust=None, dio=RC, head="Bernadette Hollis", chair="Martin Keogh",
         off="Joanne Clarke", pupils=187, ofsted="RequiresImprovement", od="2024-01-24", opened=None,
         cats=("medium", "medium", "medium"), themes=["safeguarding", "maths", "leadership"]),
    dict(k="oakpri", urn=990005, name="Oakmere Primary School", phase="Primary",
         type="Community", trust=None, dio=None, head="Daniel Forsyth", chair="Angela Brook",
         off="Priya Shah", pupils=418, ofsted="NoOverallGrade", od="2025-03-12", opened=None,
         cats=("low", "low", "low"), themes=["send", "curriculum"]),
    dict(k="michael", urn=990006, name="Oakmere St Michael's Church of England Primary School", phase="Primary",
         type="VoluntaryAided", trust=None, dio=COFE, head="Sarah Penhaligon", chair="Revd Canon Jill Amery",
         off="Joanne Clarke", pupils=236, ofsted="Good", od="2023-05-17", opened=None,
         cats=("low", "low", "low"), themes=["reading", "attendance"]),
    dict(k="harrowby", urn=990007, name="Harrowby Primary School", phase="Primary",
         type="Foundation", trust=None, dio=None, head="Kevin Ashdown", chair="Lorraine Tate",
         off="Mark Ellison", pupils=302, ofsted="NoOverallGrade", od="2025-01-22", opened=None,
         cats=("medium", "medium", "low"), themes=["curriculum", "reading", "send"]),
    dict(k="kestpri", urn=990008, name="Kestley Primary Academy", phase="Primary",
         type="AcademyConverter", trust=MAT1, dio=None, head="Fiona Redfern", chair="Paul Okonjo",
         off="Mark Ellison", pupils=355, ofsted="Good", od="2022-11-30", opened="2013-09-01",
         cats=("low", "low", "low"), themes=["maths", "curriculum"]),
    dict(k="brampton", urn=990009, name="Brampton Wick Primary Academy", phase="Primary",
         type="AcademyConverter", trust=MAT1, dio=None, head="Imran Choudhury", chair="Diane Foulkes",
         off="Mark Ellison", pupils=410, ofsted="Outstanding", od="2023-02-08", opened="2012-04-01",
         cats=("universal", "universal", "universal"), themes=["curriculum", "send"]),
    dict(k="thornhaugh", urn=990010, name="Thornhaugh Primary Academy", phase="Primary",
         type="AcademySponsorLed", trust=MAT2, dio=None, head="Gemma Lowther", chair="Neil Hargreaves",
         off="Joanne Clarke", pupils=198, ofsted="NoOverallGrade", od="2025-06-18", opened="2023-04-01",
         cats=("high", "high", "high"), themes=["maths", "attendance", "curriculum"]),
    dict(k="edgeley", urn=990011, name="Edgeley Primary Academy", phase="Primary",
         type="AcademyConverter", trust=MAT2, dio=None, head="Owen Prescott", chair="Margaret Ibbotson",
         off="Joanne Clarke", pupils=264, ofsted="RequiresImprovement", od="2024-06-05", opened="2016-01-01",
         cats=("medium", "medium", "medium"), themes=["attendance", "reading", "send"]),
    dict(k="langmoor", urn=990012, name="Langmoor Church of England Primary Academy", phase="Primary",
         type="AcademyConverter", trust=MAT3, dio=COFE, head="Helen Carver", chair="Richard Salt",
         off="Joanne Clarke", pupils=140, ofsted="Good", od="2024-04-17", opened="2017-09-01",
         cats=("universal", "universal", "universal"), themes=["curriculum", "reading"]),
    dict(k="uhamble", urn=990013, name="Upper Hambleton Church of England Primary Academy", phase="Primary",
         type="AcademyConverter", trust=MAT3, dio=COFE, head="Lucy Marchant", chair="Graham Eddowes",
         off="Joanne Clarke", pupils=118, ofsted="Good", od="2021-12-01", opened="2018-04-01",
         cats=("universal", "universal", "low"), themes=["leadership", "maths"]),
    dict(k="sallow", urn=990014, name="Sallow Cross Primary School", phase="Primary",
         type="Community", trust=None, dio=None, head="Mandeep Gill", chair="Jonathan Wray",
         off="Priya Shah", pupils=171, ofsted="Inadequate", od="2024-03-14", opened=None,
         cats=("high", "high", "high"), themes=["leadership", "reading", "finance"]),
    dict(k="eastwell", urn=990015, name="Eastwell Ridge Primary Academy", phase="Primary",
         type="AcademyConverter", trust="Eastwell Ridge Academy Trust", dio=None, head="Alison Kerr",
         chair="Stephen Rowntree", off="Mark Ellison", pupils=229, ofsted="Outstanding", od="2022-09-28",
         opened="2011-12-01", cats=("universal", "universal", "universal"), themes=["curriculum", "maths"]),
    dict(k="bracken", urn=990016, name="Brackenfold Primary School", phase="Primary",
         type="Community", trust=None, dio=None, head="Sunita Varma", chair="Peter Gladwin",
         off="Mark Ellison", pupils=331, ofsted="NoOverallGrade", od="2025-11-05", opened=None,
         card=dict(date="2025-11-05", inclusion="ExpectedStandard",
                   curriculum_and_teaching="ExpectedStandard", achievement="NeedsAttention",
                   attendance_and_behaviour="StrongStandard",
                   personal_development="ExpectedStandard",
                   leadership_and_governance="ExpectedStandard", early_years="StrongStandard",
                   sixth_form=None, safeguarding="Met"),
         cats=("medium", "low", "low"), themes=["maths", "send", "attendance"]),
    dict(k="cotterby", urn=990017, name="Cotterby Primary Academy", phase="Primary",
         type="AcademyConverter", trust=MAT1, dio=None, head="James Whitfield", chair="Yvonne Castle",
         off="Priya Shah", pupils=203, ofsted="Good", od="2023-10-11", opened="2014-07-01",
         cats=("universal", "universal", "universal"), themes=["reading", "curriculum"]),
    dict(k="oakcoll", urn=990018, name="Oakmere College", phase="Secondary",
         type="AcademyConverter", trust="Oakmere College Trust", dio=None, head="Dr Philippa Lang",
         chair="Charles Beaumont", off="Tom Hughes", pupils=1476, ofsted="Good", od="2023-03-01",
         opened="2011-08-01", cats=("universal", "universal", "universal"), themes=["ks4", "send"]),
    dict(k="hvale", urn=990019, name="Hambleton Vale Academy", phase="Secondary",
         type="AcademyConverter", trust=MAT2, dio=None, head="Robert Achebe", chair="Susan Marlow",
         off="Tom Hughes", pupils=1124, ofsted="RequiresImprovement", od="2023-11-15", opened="2012-09-01",
         cats=("medium", "high", "high"), themes=["ks4", "behaviour", "attendance"]),
    dict(k="kestsch", urn=990020, name="Kestley School", phase="Secondary",
         type="AcademySponsorLed", trust=MAT1, dio=None, head="Andrew Pallister", chair="Nicola Freeth",
         off="Tom Hughes", pupils=782, ofsted="NoOverallGrade", od="2026-05-13", opened="2020-09-01",
         card=dict(date="2026-05-13", inclusion="NeedsAttention",
                   curriculum_and_teaching="ExpectedStandard", achievement="NeedsAttention",
                   attendance_and_behaviour="NeedsAttention",
                   personal_development="ExpectedStandard",
                   leadership_and_governance="ExpectedStandard", early_years=None,
                   sixth_form="StrongStandard", safeguarding="Met"),
         cats=("high", "medium", "medium"), themes=["ks4", "send", "behaviour"]),
    dict(k="sixth", urn=990021, name="Oakmere Sixth Form Free School", phase="Post16",
         type="FreeSchool", trust=MAT2, dio=None, head="Hannah Stroud", chair="Victor Ambrose",
         off="Tom Hughes", pupils=164, ofsted="NotYetInspected", od=None, opened="2025-09-01",
         cats=("low", "low", "low"), themes=["post16", "attendance"]),
    dict(k="fernbrook", urn=990022, name="Fernbrook School", phase="Special",
         type="Community", trust=None, dio=None, head="Catherine Mowbray", chair="Derek Oyelaran",
         off="Tom Hughes", pupils=112, ofsted="Outstanding", od="2019-02-06", opened=None,
         cats=("low", "low", "low"), themes=["send", "safeguarding"]),
]
BY = {s["k"]: s for s in S}
for s in S:
    s["academy"] = s["type"] in ("AcademyConverter", "AcademySponsorLed", "FreeSchool")

# ---------------------------------------------------------------- themes
# title, criteria (by plan year), lead role, focus areas, evidence, strength, development,
# actions (text, owner kind), paragraph, checkpoint commentary by progress

THEMES = {
    "reading": dict(
        role="Phonics lead",
        short="early reading",
        title="Raise standards in early reading and phonics",
        criteria=[
            "Year 1 phonics screening check pass rate at or above 80% in June (last year: 68%)",
            "Pupils in the lowest 20% of readers read to an adult daily, with fortnightly checks tracked by the reading lead",
            "Learning walks find the validated phonics programme taught consistently in every EYFS and KS1 class",
        ],
        lead="English and phonics lead",
        focus=["QualityOfEducation", "Standards"],
        evidence="Phonics tracker (autumn assessment point); reading records of the lowest 20%; three phonics sessions observed jointly with the reading lead; KS1 book scrutiny",
        strength="Phonics sessions observed were well paced and every adult used the programme's routines; pupils in the lowest 20% are identified by name and read daily.",
        development="Decodable books are not yet matched closely enough to the sounds pupils know in Year 2, and catch-up groups lose time at the start of sessions.",
        actions=[("Audit decodable books against the programme's progression and remove mismatched titles", "lead"),
                 ("Share the next phonics tracker analysis with the link officer", "head")],
        para="The reading lead has a clear grip on the phonics tracker and could explain which pupils were falling behind and why. Sessions observed were consistent, though the transition into catch-up groups is slow.",
        cp={"OnTrack": "Phonics tracker shows 79% of Year 1 on course to meet the standard; catch-up sessions are now daily and well led.",
            "SomeConcern": "Phonics teaching is more consistent but the tracker still shows a third of Year 1 behind the expected sounds; book matching remains weak.",
            "NotOnTrack": "Reading leadership has been disrupted by staff absence; catch-up sessions were not happening on two of the three days sampled."},
    ),
    "maths": dict(
        role="Maths lead",
        short="mathematics",
        title="Improve progress in mathematics across Key Stage 2",
        criteria=[
            "KS2 maths at the expected standard at or above 72% in the summer tests (last year: 61%)",
            "Year 4 multiplication tables check average score of 20 or more",
            "Work scrutiny shows reasoning and problem-solving tasks in every unit of work",
        ],
        lead="maths lead",
        focus=["QualityOfEducation", "Standards"],
        evidence="KS2 maths test outcomes and question-level analysis; autumn arithmetic baseline; Year 5 and 6 maths books; learning walk with the maths lead",
        strength="Arithmetic fluency sessions are now daily and pupils talked confidently about the methods they use; the maths lead's question-level analysis is sharp.",
        development="Reasoning is still too often an extension task that lower-attaining pupils do not reach, and feedback in Year 5 books is inconsistent.",
        actions=[("Build reasoning tasks into the core of each Year 5 and 6 unit and sample books at half-term", "lead"),
                 ("Report the spring arithmetic check results to governors' standards committee", "head")],
        para="Leaders have acted on last summer's KS2 results: fluency time is protected and the calculation policy has been rewritten. The next step is to make sure every pupil, not just the most confident, gets to reason mathematically.",
        cp={"OnTrack": "Arithmetic scores in Years 4 to 6 are up 11 points on the baseline; book scrutiny shows reasoning in most units.",
            "SomeConcern": "Fluency has improved but reasoning remains patchy in Years 5 and 6; the mock SATs show 63% at the expected standard.",
            "NotOnTrack": "Year 6 mock data is below last year's outcomes and the maths lead post has been vacant since half-term."},
    ),
    "attendance": dict(
        role="Attendance lead",
        short="attendance",
        title="Improve attendance and reduce persistent absence",
        criteria=[
            "Whole-school attendance at or above 95% by the end of the summer term (last year: 92.8%)",
            "Persistent absence below 15% (last year: 21.6%)",
            "Every persistently absent pupil has an attendance support plan agreed with parents",
        ],
        lead="attendance lead and DSL",
        focus=["Behaviour", "Safeguarding"],
        evidence="Attendance data to date (whole school, disadvantaged, SEND); persistent absence register; sample of attendance support plans; first-day calling log",
        strength="First-day calling is rigorous and the attendance lead knows every persistently absent family; early-help referrals are timely.",
        development="Attendance of disadvantaged pupils remains four points below their peers, and a third of support plans lack review dates.",
        actions=[("Review all attendance support plans and add review dates and named key adults", "lead"),
                 ("Agree a joint attendance panel date with the LA attendance service", "officer")],
        para="The school has tightened its attendance procedures and the data is starting to move, though persistent absence is stubborn in Years 4 and 6. The headteacher agreed to bring the attendance lead to the next strategy meeting.",
        cp={"OnTrack": "Attendance is 94.9% year to date and persistent absence has fallen to 14.2%.",
            "SomeConcern": "Attendance has improved to 93.6% but persistent absence is still 18%, concentrated in a small number of families.",
            "NotOnTrack": "Attendance has fallen to 92.1% this half-term and persistent absence is over 22%; support plans are not being reviewed."},
    ),
    "leadership": dict(
        role="Deputy headteacher",
        short="leadership and governance",
        title="Strengthen leadership capacity, including governance",
        criteria=[
            "External review of governance completed and its recommendations adopted by the board",
            "Middle leaders complete the monitoring cycle each half-term and report to governors",
            "Governors' visit records show challenge against the school improvement plan priorities",
        ],
        lead="deputy headteacher and two middle leaders",
        focus=["Leadership"],
        evidence="School improvement plan and latest self-evaluation; minutes of the last two full governing board meetings; middle leader monitoring records; governor visit reports",
        strength="The headteacher's self-evaluation is honest and matches the LA's view; governors now receive termly data and are beginning to ask sharper questions.",
        development="Middle leaders are new to post and their monitoring is not yet leading to changes in classrooms; governors' visits are not yet linked to plan priorities.",
        actions=[("Complete the self-review of governance and share the outcomes with the link officer", "chair"),
                 ("Set out a half-termly monitoring timetable for middle leaders", "head")],
        para="Leadership capacity remains the key risk. The headteacher is carrying too much and the board recognises it needs to strengthen challenge. The LA will broker a national leader of governance to support the chair this term.",
        cp={"OnTrack": "The review of governance has been completed and the board has restructured its committees; middle leaders are reporting to governors.",
            "SomeConcern": "Governance is stronger but middle leader monitoring is still irregular and not yet improving practice.",
            "NotOnTrack": "Further leadership absence has left the school without a substantive deputy; governors have not yet acted on the review."},
    ),
    "safeguarding": dict(
        role="DSL",
        short="safeguarding",
        title="Ensure the safeguarding culture and record-keeping are consistently effective",
        criteria=[
            "All actions from the section 175 safeguarding audit completed by the end of the spring term",
            "Single central record compliant at every LA spot check",
            "All staff complete refresher training and the DSL team completes level 3 training",
        ],
        lead="DSL, deputy DSL and school business manager",
        focus=["Safeguarding", "Leadership"],
        evidence="Section 175 audit return; single central record; sample of safeguarding chronologies on the recording system; staff training log",
        strength="Staff spoken to knew how to raise a concern and the DSL's chronologies are detailed and timely.",
        development="Two single central record entries lacked dates of prohibition checks, and low-level concerns are not yet recorded consistently.",
        actions=[("Correct the single central record entries identified and re-check all supply staff entries", "lead"),
                 ("Introduce a low-level concerns log and brief staff", "head")],
        para="Safeguarding culture is positive and staff are alert, but the record-keeping weaknesses found in the audit have not all been put right. I will carry out a further spot check of the single central record before the end of term.",
        cp={"OnTrack": "All section 175 audit actions are complete and the spot check of the single central record found no errors.",
            "SomeConcern": "Most audit actions are complete; the low-level concerns log is in place but not yet used consistently.",
            "NotOnTrack": "The spot check found further gaps in the single central record and training for new staff is overdue."},
    ),
    "finance": dict(
        role="School business manager",
        short="budget",
        title="Return the budget to balance through an agreed recovery plan",
        criteria=[
            "Deficit recovery plan approved by the LA and monitored monthly by the finance committee",
            "In-year deficit reduced to below 30,000 pounds (last year: 84,000 pounds)",
            "Staffing structure review completed and consulted on by Easter",
        ],
        lead="school business manager and chair of the finance committee",
        focus=["Finance", "Leadership"],
        evidence="Budget monitoring report (period 6); three-year forecast; draft deficit recovery plan; staffing structure",
        strength="The school business manager's monitoring is accurate and the finance committee now meets monthly.",
        development="The recovery plan relies on falling rolls reversing, which current birth-rate data does not support; the staffing review has slipped.",
        actions=[("Submit the revised deficit recovery plan to LA finance", "head"),
                 ("Meet LA finance and the chair to agree staffing options", "officer")],
        para="The deficit is the most significant risk to the school's sustainability. Governors understand the position but have not yet taken the difficult staffing decisions the forecast requires.",
        cp={"OnTrack": "The recovery plan has been approved and period monitoring is within 2% of forecast.",
            "SomeConcern": "The recovery plan is agreed but savings from the staffing review will not take effect until September.",
            "NotOnTrack": "The in-year deficit has grown and the recovery plan has not been resubmitted; LA finance has escalated."},
    ),
    "send": dict(
        role="SENDCo",
        short="SEND",
        title="Improve provision and outcomes for pupils with SEND",
        criteria=[
            "Every pupil on the SEND register has an up-to-date support plan with measurable targets",
            "Support plans reviewed termly with parents and pupils",
            "The gap in progress between pupils with SEND and their peers narrows in reading and maths",
        ],
        lead="SENDCo",
        focus=["QualityOfEducation", "Standards"],
        evidence="SEND register and a sample of six support plans; provision map; two lessons visited with the SENDCo; parent feedback from review meetings",
        strength="The SENDCo knows pupils well and adaptations seen in lessons were thoughtful; parents spoke positively about review meetings.",
        development="Targets in support plans are too broad to measure, and teaching assistants are not always briefed before lessons.",
        actions=[("Rewrite support plan targets so they are specific and measurable, starting with Years 5 and 6", "lead"),
                 ("Arrange for the SENDCo to attend the LA SENDCo network", "officer")],
        para="Provision for pupils with SEND is caring and well organised. The priority now is sharper targets so that leaders and parents can see whether the support is working.",
        cp={"OnTrack": "All support plans have been rewritten with measurable targets and reviewed with parents.",
            "SomeConcern": "Support plans are improving but about a third still have broad targets; review meetings are on schedule.",
            "NotOnTrack": "The SENDCo has been absent and reviews have slipped; the provision map is out of date."},
    ),
    "curriculum": dict(
        role="Curriculum lead",
        short="curriculum",
        title="Secure a coherent, well-sequenced curriculum in the foundation subjects",
        criteria=[
            "Long-term plans set out the knowledge to be learnt in every foundation subject, year by year",
            "Subject leaders carry out at least one deep dive a term and act on the findings",
            "Pupils can recall and connect prior learning when asked in pupil voice",
        ],
        lead="curriculum lead and subject leaders",
        focus=["QualityOfEducation"],
        evidence="Curriculum maps for history, geography and science; pupil voice with Year 4 and Year 6; subject leader action plans",
        strength="History and geography are now well sequenced and pupils could explain links between units; subject leaders are enthusiastic.",
        development="Science and design technology plans do not yet identify the knowledge pupils must remember, and mixed-age planning repeats content.",
        actions=[("Finish the knowledge progression for science and share it with staff", "lead"),
                 ("Carry out a joint deep dive in science with the link officer", "officer")],
        para="The curriculum is developing well. Leaders are aware of the remaining gaps and have a realistic timetable to address them.",
        cp={"OnTrack": "Knowledge progressions are complete in all foundation subjects and subject deep dives are happening termly.",
            "SomeConcern": "Progressions are complete in most subjects; mixed-age cycles still repeat content in science.",
            "NotOnTrack": "Curriculum work has stalled because of staff turnover; only two subjects have complete progressions."},
    ),
    "behaviour": dict(
        role="Deputy headteacher (behaviour)",
        short="behaviour",
        title="Improve behaviour and reduce suspensions",
        criteria=[
            "Suspension rate halved compared with last year",
            "Removals from lessons fall below ten a week by February half-term",
            "At least 80% of pupils in the survey say lessons are rarely disrupted",
        ],
        lead="deputy headteacher (behaviour and attitudes) and heads of year",
        focus=["Behaviour", "Leadership"],
        evidence="Behaviour and suspension data for the half-term; on-call logs; learning walk of Year 9 and Year 10 lessons; pupil voice with a Year 9 group",
        strength="Corridors and social times were calm and staff applied the new routines consistently; on-call is responsive.",
        development="Removals are concentrated in a few departments and Year 9 pupils said low-level disruption still happens in some lessons.",
        actions=[("Analyse removals by department and teacher and target coaching", "lead"),
                 ("Share the half-termly suspension data with the link officer and the trust", "head")],
        para="The new behaviour policy is making a visible difference to the atmosphere around the school. Consistency in classrooms is the next step, and leaders know where it is weakest.",
        cp={"OnTrack": "Suspensions are down 48% on the same period last year and removals are below the target.",
            "SomeConcern": "Suspensions have fallen but removals remain high in Year 9; pupil survey results are mixed.",
            "NotOnTrack": "Suspensions have risen this half-term and there have been two serious incidents; the trust has deployed additional support."},
    ),
    "ks4": dict(
        role="Deputy headteacher (curriculum)",
        short="KS4 outcomes",
        title="Raise attainment and progress at Key Stage 4",
        criteria=[
            "Attainment 8 at or above 46 (last year: 41.2)",
            "Disadvantaged pupils' Progress 8 gap narrows by at least 0.2",
            "Year 11 mock examinations in December and March show at least 60% achieving grade 4 or above in English and maths",
        ],
        lead="deputy headteacher (curriculum) and heads of English and maths",
        focus=["Standards", "QualityOfEducation"],
        evidence="Validated KS4 results and subject residuals; Year 11 mock data; intervention register; lessons visited in English and maths",
        strength="Leaders' analysis of the summer results is forensic and intervention is targeted at named pupils; English teaching seen was strong.",
        development="Science residuals remain significantly negative and disadvantaged pupils' attendance is limiting the impact of intervention.",
        actions=[("Present the Year 11 mock analysis to the trust standards board and the link officer", "head"),
                 ("Agree a science improvement plan with the trust subject lead", "lead")],
        para="The school has a clear and realistic view of its KS4 outcomes. Improvement is visible in English but must now be secured in science and for disadvantaged pupils.",
        cp={"OnTrack": "December mocks show 62% achieving grade 4 or above in English and maths, ahead of the trajectory.",
            "SomeConcern": "English is on trajectory but maths and science mocks are below target; disadvantaged gaps have not narrowed.",
            "NotOnTrack": "Mock outcomes are below last year's results in four subjects and staffing gaps in science persist."},
    ),
    "post16": dict(
        role="Head of sixth form",
        short="post-16",
        title="Establish high-quality post-16 provision in the school's first years",
        criteria=[
            "Retention from Year 12 to Year 13 at or above 92%",
            "Value-added measures at or above national in A level subjects",
            "Every student has a destination plan reviewed termly",
        ],
        lead="head of sixth form",
        focus=["QualityOfEducation", "Leadership"],
        evidence="Year 12 retention and attendance data; progress review data; destination plans; two lessons visited",
        strength="Students are positive about the school and retention into Year 13 is high; careers guidance is well organised.",
        development="Assessment in some subjects is not yet calibrated against exam board standards, and attendance in study periods is weak.",
        actions=[("Arrange moderation of Year 12 assessments with a partner sixth form", "lead")],
        para="The free school has opened well and leaders are realistic about the work needed before its first inspection. The trust's quality assurance is thorough.",
        cp={"OnTrack": "Retention is 95% and progress reviews are on schedule.",
            "SomeConcern": "Retention is good but assessment calibration has not yet happened in two subjects.",
            "NotOnTrack": "Retention has fallen and progress reviews have not taken place."},
    ),
}

VISIT_TYPES = {
    "high": ["Support and challenge visit", "Termly monitoring visit", "Leadership support visit"],
    "medium": ["Termly monitoring visit", "Support and challenge visit"],
    "low": ["Core visit"],
    "universal": ["Core visit"],
}

# ---------------------------------------------------------------- meetings and decisions

MEETINGS = [
    dict(date=d("2026-03-12"), term="Spring", year=2025, title="SQA desktop review, Spring 2026"),
    dict(date=d("2026-07-09"), term="Summer", year=2025, title="SQA desktop review, Summer 2026"),
    dict(date=d("2026-10-15"), term="Autumn", year=2026, title="SQA desktop review, Autumn 2026"),
]
# Planned, not yet held.
NEXT_MEETING = dict(date=d("2027-03-11"), term="Spring", year=2026, title="SQA desktop review, Spring 2027")

# Rationale per school per meeting (spring, summer, autumn 2026).
RATIONALE = {
    "ashcombe": [
        "KS2 outcomes in 2025 were above national (71% combined reading, writing and maths) and attendance is 95.6%. Leadership is stable and governance effective. Best fit remains Low: light-touch support through core visits.",
        "No change in the evidence since spring: attendance remains above 95% and the curriculum work on the foundation subjects is progressing well. Low is confirmed.",
        "Provisional 2026 KS2 outcomes are in line with national and the school's own self-evaluation is accurate. Stable leadership and a balanced budget; Low remains the best fit.",
    ],
    "lfenby": [
        "A small school with a stable Good judgement, but the federation's head of school left at Christmas and the budget forecast shows a deficit from 2027. Outcomes are secure given the very small cohorts. Low remains the best fit for now, with the federation watched closely.",
        "Raised to Medium. The head of school post has not been filled and the executive headteacher is covering both sites; the three-year forecast now shows a deficit of 41,000 pounds. Small cohorts make the 2026 KS2 data unreliable, but leadership capacity and finance are both at risk.",
        "Medium is maintained. An interim head of school started in September and the federation has agreed a budget recovery plan with LA finance. Leadership capacity is improving but not yet secure.",
    ],
    "gfenby": [
        "Outcomes have been consistently in line with national and attendance is good. The federation arrangement with Little Fenby is new but working. Low is the best fit.",
        "Provisional KS2 results are weaker (52% combined, from 68%), but the cohort of 13 included several pupils who joined in Year 6. Leadership is stretched across the federation. Low is kept, with a monitoring visit early in the autumn term.",
        "Raised to Medium. Validated KS2 maths outcomes fell sharply (55% at the expected standard) and the executive headteacher's capacity is stretched across two sites while the deputy is on long-term absence. The September visit found the maths curriculum not yet consistently taught in Years 5 and 6.",
    ],
    "cuthbert": [
        "The school remains Requires Improvement and the section 175 audit identified weaknesses in single central record checks and the recording of low-level concerns. KS2 maths was below national in 2025 (58%). Medium: targeted support on safeguarding and maths.",
        "Most safeguarding audit actions are now complete and the spot check in May found the single central record compliant. Maths remains below national. Medium is maintained until the 2026 outcomes are validated.",
        "KS2 maths improved to 66% but is still below national, and the low-level concerns log is not yet used consistently. Leadership is committed and the diocese is supporting governance. Best fit remains Medium.",
    ],
    "oakpri": [
        "A large, stable school with outcomes in line with national and a positive 2025 inspection report. Provision for pupils with SEND is a strength. Low is the best fit.",
        "No change: attendance 95.1%, outcomes secure, finances healthy. Low confirmed.",
        "Provisional 2026 KS2 data in line with national (64% combined). Leadership stable; the school supports others through the SENDCo network. Low remains the best fit.",
    ],
    "michael": [
        "Good school with strong reading outcomes and a stable leadership team. Attendance dipped to 94.2% in the autumn term because of illness but is recovering. Low is the best fit.",
        "Attendance has recovered to 95.0% and KS1 phonics results remain strong (88%). Low confirmed.",
        "KS2 outcomes above national and attendance secure. The diocesan section 48 inspection in June was positive. Low remains the best fit.",
    ],
    "harrowby": [
        "The 2025 inspection identified the curriculum in the foundation subjects and early reading as areas for improvement, and KS1 phonics was 71%. Leaders are responding well. Medium: targeted support for curriculum and reading.",
        "Phonics has improved (provisional 82%) and the curriculum work is well advanced. Leadership is responsive. Medium is kept until the KS2 outcomes are validated, with a view to lowering in the autumn.",
        "Lowered to Low. The phonics screening outcome of 82% and provisional KS2 results in line with national show the areas for improvement from the inspection have been addressed. Checkpoint reviews found all plan priorities on track.",
    ],
    "kestpri": [
        "Good academy with outcomes above national and strong trust oversight. Attendance 95.8%. Low is the best fit.",
        "No change in the evidence; the trust's own review in May was positive. Low confirmed.",
        "Provisional 2026 KS2 outcomes above national; leadership stable. Low remains the best fit.",
    ],
    "brampton": [
        "Outstanding academy with outcomes well above national and a track record of supporting other schools. Universal: self-improving.",
        "No change; the school leads the Wealdshire maths hub work group. Universal confirmed.",
        "KS2 combined 81% in 2026, attendance 96.4%. Universal remains the best fit.",
    ],
    "thornhaugh": [
        "Sponsor-led academy whose 2025 inspection identified weaknesses in the quality of education and attendance. KS2 maths 48% in 2025 and persistent absence 24%. Trust support is strong but progress is early. High: intensive support with termly LA strategy meetings.",
        "Some improvement in attendance (93.4%) and a stronger maths curriculum, but provisional KS2 maths remains well below national at 54%. Checkpoint reviews show two of three priorities with some concern. High is maintained.",
        "Validated KS2 maths 54% and persistent absence still 19%. The trust has appointed a new deputy headteacher for curriculum and the October checkpoint found leadership more effective. Best fit remains High while outcomes are below national.",
    ],
    "edgeley": [
        "Requires Improvement since June 2024, with attendance the main concern (92.6%) and reading outcomes below national. Trust leadership is engaged. Medium: targeted support on attendance and reading.",
        "Attendance has improved to 93.9% and phonics is up to 78%. Support plans for pupils with SEND are still weak. Medium is maintained.",
        "Persistent absence remains high at 17% and the SEND audit found targets too broad. Reading outcomes are improving. Medium remains the best fit; the trust has asked for a joint review of SEND.",
    ],
    "langmoor": [
        "Good church academy with above-national outcomes and strong trust and diocesan support. Universal: self-improving.",
        "No change; the school hosted the trust's reading conference. Universal confirmed.",
        "Outcomes remain above national and leadership is stable. Universal remains the best fit.",
    ],
    "uhamble": [
        "Small church academy with consistently strong outcomes and experienced leadership. Universal: self-improving.",
        "No change in the evidence; the headteacher has announced retirement at Christmas. Universal is kept, with the trust's succession plan to be reviewed in the autumn.",
        "Raised to Low. The headteacher retires in December and the substantive appointment has not yet been made; KS2 maths dipped to 64%. The school remains strong, but light-touch LA oversight is prudent through the leadership transition.",
    ],
    "sallow": [
        "Inadequate (serious weaknesses) since March 2024; an academy order is in place but no sponsor has yet been found. Reading outcomes are well below national (KS2 reading 52%) and the budget shows an in-year deficit of 84,000 pounds. High: intensive support, LA strategy meetings termly and an officer attending governing board meetings.",
        "The interim headteacher has strengthened safeguarding and behaviour, and phonics improved to 70%. The deficit has grown and there is still no sponsor. High is maintained.",
        "High, flagged at risk. The deficit recovery plan has not been approved, the sponsor match has fallen through and two experienced teachers left in the summer. Provisional KS2 reading improved to 61% but remains well below national. The LA will write to the Regional Director about the delay in conversion.",
    ],
    "eastwell": [
        "Outstanding single-academy trust with outcomes well above national. The school's leaders contribute to LA moderation. Universal: self-improving.",
        "No change; Universal confirmed.",
        "Outcomes remain well above national and governance is strong. Universal remains the best fit.",
    ],
    "bracken": [
        "The November 2025 inspection was positive about behaviour and personal development but found the maths curriculum and SEND provision need strengthening. KS2 maths 61%. Medium: targeted support while the inspection actions are addressed.",
        "Lowered to Low. Leaders have acted swiftly on the inspection findings; the maths curriculum has been rewritten and the checkpoint in May found all priorities on track. Provisional KS2 maths is 70%.",
        "KS2 maths 70% validated and SEND support plans now meet the LA's standard. Low remains the best fit.",
    ],
    "cotterby": [
        "Good academy with stable leadership and outcomes in line with national; strong trust oversight. Universal: self-improving.",
        "No change; Universal confirmed.",
        "Outcomes in line with national and leadership stable. Universal remains the best fit.",
    ],
    "oakcoll": [
        "Large, well-led college with Progress 8 of +0.31 and a strong sixth form. Universal: self-improving.",
        "No change; the college's peer review in May confirmed its self-evaluation. Universal confirmed.",
        "2026 Progress 8 provisional +0.28 and attendance 94.1%. Universal remains the best fit.",
    ],
    "hvale": [
        "Requires Improvement since November 2023. Progress 8 was -0.34 in 2025, suspensions are high and attendance is 89.8%. The trust's plan is credible but early. Medium: targeted support.",
        "Raised to High. Provisional 2026 results indicate no improvement (Attainment 8 around 40), suspensions have risen, and the checkpoint in June found two of three priorities not on track. The headteacher is on long-term absence and the trust has put in an interim executive head.",
        "High is maintained. Validated Attainment 8 of 41.2 and Progress 8 of -0.41; attendance 90.3%. The interim executive headteacher has stabilised behaviour and the trust's strategy meeting with the LA in October was constructive, but it is too early to see impact.",
    ],
    "kestsch": [
        "Sponsor-led academy with weak outcomes in 2025 (Progress 8 -0.52) and a high rate of suspensions. The trust has replaced the senior team. High: intensive support.",
        "Lowered to Medium. The May 2026 inspection report recognised the improvements in behaviour and leadership, with the quality of education still requiring attention. Checkpoint reviews show leadership and behaviour on track.",
        "Provisional 2026 Progress 8 of -0.21 is a clear improvement and suspensions have halved. SEND provision remains a concern. Medium remains the best fit.",
    ],
    "sixth": [
        "A new post-16 free school in its first year, not yet inspected. Year 12 retention is 96% and the trust's quality assurance is robust. Low: light-touch oversight until first outcomes are available.",
        "Year 12 progress reviews show most students on target; retention 95%. Low confirmed.",
        "The first Year 13 cohort is on roll; attendance in study periods is weak and assessment calibration is still being developed. Low remains the best fit pending first results and inspection.",
    ],
    "fernbrook": [
        "Outstanding special school with strong leadership; the roll is rising and the school is at capacity. Low: light touch, reflecting the complexity of need and pressure on places.",
        "No change; the safeguarding audit in June was exemplary. Low confirmed.",
        "Leadership remains strong and safeguarding effective; the rising roll and two long-term staff absences are being managed. Low remains the best fit.",
    ],
}

RISKS = {
    "lfenby": [["LeadershipChange"], ["LeadershipChange", "BudgetDeficit"], ["BudgetDeficit"]],
    "gfenby": [[], ["LeadershipChange"], ["LeadershipChange"]],
    "cuthbert": [["OfstedOutcome", "SafeguardingConcern"], ["OfstedOutcome"], ["OfstedOutcome"]],
    "harrowby": [["OfstedOutcome"], [], []],
    "thornhaugh": [["OfstedOutcome", "Complaints"], ["OfstedOutcome"], ["OfstedOutcome"]],
    "edgeley": [["OfstedOutcome"], ["OfstedOutcome"], ["OfstedOutcome", "Complaints"]],
    "uhamble": [[], ["LeadershipChange"], ["LeadershipChange"]],
    "sallow": [["OfstedOutcome", "BudgetDeficit", "LeadershipChange"],
               ["OfstedOutcome", "BudgetDeficit"],
               ["OfstedOutcome", "BudgetDeficit", "LeadershipChange", "LossOfConfidence"]],
    "bracken": [["OfstedOutcome"], [], []],
    "hvale": [["OfstedOutcome", "Complaints"], ["OfstedOutcome", "LeadershipChange", "Complaints"],
              ["OfstedOutcome", "LeadershipChange"]],
    "kestsch": [["OfstedOutcome", "Complaints"], [], []],
    "sixth": [[], [], []],
}

# Ratings overrides by school, per meeting: dict of area -> rating (others from the category).
BASE_RATINGS = {
    "high": dict(QualityOfEducation="Concern", Standards="SeriousConcern", Leadership="Concern",
                 Behaviour="Secure", Safeguarding="Secure", Finance="Secure"),
    "medium": dict(QualityOfEducation="Concern", Standards="Concern", Leadership="Secure",
                   Behaviour="Secure", Safeguarding="Secure", Finance="Secure"),
    "low": dict(QualityOfEducation="Secure", Standards="Secure", Leadership="Secure",
                Behaviour="Secure", Safeguarding="Secure", Finance="Secure"),
    "universal": dict(QualityOfEducation="Strong", Standards="Strong", Leadership="Strong",
                      Behaviour="Strong", Safeguarding="Secure", Finance="Secure"),
}
RATING_OVERRIDES = {
    "sallow": [dict(Finance="SeriousConcern", Leadership="SeriousConcern"),
               dict(Finance="SeriousConcern", Behaviour="Secure"),
               dict(Finance="SeriousConcern", Leadership="SeriousConcern")],
    "thornhaugh": [dict(Behaviour="Concern"), dict(Behaviour="Concern"), dict(Leadership="Secure", Behaviour="Concern")],
    "hvale": [dict(Behaviour="Concern"), dict(Behaviour="SeriousConcern", Leadership="SeriousConcern"),
              dict(Behaviour="Concern")],
    "kestsch": [dict(Behaviour="Concern"), dict(Standards="Concern"), dict(Standards="Concern")],
    "cuthbert": [dict(Safeguarding="Concern", Leadership="Concern"), dict(Safeguarding="Secure"),
                 dict(Safeguarding="Concern")],
    "edgeley": [dict(Behaviour="Concern"), dict(Behaviour="Concern"), dict(Behaviour="Concern", QualityOfEducation="Secure")],
    "lfenby": [dict(Leadership="Concern", Finance="Concern"), dict(Leadership="Concern", Finance="Concern", Standards="Secure"),
               dict(Finance="Concern", Standards="Secure", QualityOfEducation="Secure")],
    "gfenby": [dict(), dict(Standards="Concern"), dict(Leadership="Concern", QualityOfEducation="Concern")],
    "harrowby": [dict(Standards="Secure"), dict(Standards="Secure"), dict()],
    "bracken": [dict(Standards="Concern"), dict(), dict()],
    "uhamble": [dict(), dict(Leadership="Secure"), dict(Leadership="Concern")],
    "oakcoll": [dict(Behaviour="Secure"), dict(Behaviour="Secure"), dict(Behaviour="Secure")],
    "sixth": [dict(), dict(), dict(Behaviour="Concern")],
    "fernbrook": [dict(Leadership="Strong", Safeguarding="Strong"), dict(Leadership="Strong", Safeguarding="Strong"),
                  dict(Leadership="Strong", Safeguarding="Strong")],
}

EVIDENCE_COMMON = [
    ["KS2/KS4 2025 validated outcomes", "Attendance data, autumn 2025 and spring 2026 to date", "Link officer visit notes"],
    ["Provisional 2026 outcomes", "Attendance data, spring and summer 2026", "Link officer visit notes"],
    ["Validated 2026 outcomes and ASP data", "Attendance data, autumn 2026 to date", "Link officer visit notes"],
]
EVIDENCE_EXTRA = {
    "sallow": [["Ofsted report 14/03/2024 and monitoring letter", "Budget monitoring period 9: in-year deficit 84k", "Review of governance report, January 2026"],
               ["LA strategy meeting minutes, May 2026", "Checkpoint review 04/06/2026", "Budget forecast 2026-29"],
               ["Checkpoint review 01/10/2026", "Draft deficit recovery plan (not approved)", "Regional Director correspondence on academy order"]],
    "thornhaugh": [["Ofsted report 18/06/2025", "Checkpoint review 19/02/2026", "Trust improvement plan"],
                   ["Checkpoint reviews April and May 2026", "LA strategy meeting minutes, May 2026"],
                   ["Checkpoint review 17/09/2026", "Trust quality assurance report, September 2026"]],
    "hvale": [["Ofsted report 15/11/2023", "Suspension data 2025/26 to date", "Checkpoint review 26/02/2026"],
              ["Checkpoint review 11/06/2026", "Trust notification of headteacher absence", "Complaints log summary"],
              ["Checkpoint review 24/09/2026", "LA and trust strategy meeting, October 2026"]],
    "kestsch": [["Suspension data 2025/26", "Checkpoint review 05/03/2026"],
                ["Ofsted report 13/05/2026", "Checkpoint review 18/06/2026"],
                ["Checkpoint review 08/10/2026", "SEND review by the trust"]],
    "cuthbert": [["Section 175 safeguarding audit return, February 2026", "Ofsted report 24/01/2024"],
                 ["Single central record spot check, May 2026", "Checkpoint review 07/05/2026"],
                 ["Checkpoint review 30/09/2026", "Diocesan adviser's report"]],
    "edgeley": [["Ofsted report 05/06/2024", "Persistent absence register"],
                ["Checkpoint review 30/04/2026", "Phonics screening check 2026"],
                ["Checkpoint review 07/10/2026", "Trust SEND audit"]],
    "lfenby": [["Federation staffing update", "Three-year budget forecast"],
               ["Budget forecast 2026-29: deficit from 2027", "Governing board minutes, June 2026"],
               ["Deficit recovery plan agreed with LA finance", "Interim head of school appointment"]],
    "gfenby": [[], ["Provisional KS2 2026 outcomes (cohort of 13)"],
               ["Visit note 24/09/2026", "Validated KS2 2026 maths outcomes", "Staff absence report"]],
    "harrowby": [["Ofsted report 22/01/2025", "Checkpoint review 05/02/2026"],
                 ["Phonics screening check 2026", "Checkpoint review 14/05/2026"],
                 ["Provisional KS2 2026 outcomes"]],
    "bracken": [["Ofsted report 05/11/2025"], ["Checkpoint review 21/05/2026"], []],
    "uhamble": [[], ["Trust notice of headteacher retirement"], ["Trust succession plan", "KS2 2026 maths outcomes"]],
    "sixth": [["Year 12 retention data"], ["Year 12 progress reviews"], ["Attendance in study periods", "Trust quality assurance visit"]],
    "fernbrook": [["Place-planning data"], ["Safeguarding audit, June 2026"], ["Staff absence report"]],
}

# Follow-up for the autumn 2026 meeting: urn key -> (school informed, diocese informed, shared regional).
AUTUMN_FOLLOWUP_GAPS = {
    "gfenby": "school",     # raised; meeting with the executive headteacher not yet held
    "edgeley": "school",    # waiting for the trust CEO's reply
    "uhamble": "diocese",   # school told, diocese not yet
}


def ratings_for(s, mi):
    r = dict(BASE_RATINGS[s["cats"][mi]])
    r.update(RATING_OVERRIDES.get(s["k"], [{}, {}, {}])[mi])
    return [[a, r[a]] for a in ["QualityOfEducation", "Standards", "Leadership", "Behaviour", "Safeguarding", "Finance"]]


# ---------------------------------------------------------------- build


def build():
    meetings, decisions, activities, plans, checkpoints, notes, actions = [], [], [], [], [], [], []

    # Meetings and decisions -------------------------------------------------
    prev_dec = {}
    for mi, m in enumerate(MEETINGS):
        mid = IDS.next()
        agenda = []
        for si, s in enumerate(S):
            did = IDS.next()
            mdate = m["date"]
            cat_ = s["cats"][mi]
            prev = prev_dec.get(s["k"])
            informed = weekday(mdate + timedelta(days=6 + si % 4))
            dio = weekday(mdate + timedelta(days=8 + si % 3)) if s["dio"] else None
            regional = None
            if s["academy"]:
                regional = [d("2026-03-24"), d("2026-07-16"), d("2026-11-10")][mi]
            if mi == 2:
                gap = AUTUMN_FOLLOWUP_GAPS.get(s["k"])
                if gap == "school":
                    informed = None
                    dio = None
                    regional = None
                elif gap == "diocese":
                    dio = None
            evidence = list(EVIDENCE_COMMON[mi]) + EVIDENCE_EXTRA.get(s["k"], [[], [], []])[mi]
            if s["phase"] == "Secondary":
                evidence[0] = evidence[0].replace("KS2/KS4", "KS4")
            elif s["phase"] == "Post16":
                evidence[0] = evidence[0].replace("KS2/KS4", "Post-16").replace("2025 validated", "Year 12 progress review").replace("2026 outcomes", "2026 AS-level and progress review data")
            else:
                evidence[0] = evidence[0].replace("KS2/KS4", "KS2")
            if s["phase"] in ("Post16",) or s["phase"] == "Special":
                evidence[0] = evidence[0].replace("and ASP data", "and progress data")
            dec = {
                "id": did,
                "urn": s["urn"],
                "meeting": mid,
                "date": iso(mdate),
                "category": cat_,
                "previous": prev["category"] if prev else None,
                "rationale": RATIONALE[s["k"]][mi],
                "evidence": evidence,
                "ratings": ratings_for(s, mi),
                "risks": RISKS.get(s["k"], [[], [], []])[mi],
                "at_risk": s["k"] == "sallow" and mi == 2,
                "decided_by": s["off"],
                "recorded_at": ts(mdate, 9 + (si * 12) // 60, (si * 12) % 60),
                "supersedes": prev["id"] if prev else None,
                "school_informed": iso(informed),
                "diocese_informed": iso(dio),
                "shared_regional": iso(regional),
                "rev": 1,
            }
            decisions.append(dec)
            prev_dec[s["k"]] = dec
            agenda.append({"urn": s["urn"], "state": "Decided", "decision": did})
            activities.append(activity(s, "SqaReview", "SQA desktop review: " + m["title"].split(", ")[1],
                                       mdate, mdate, "Done", s["off"]))
        meetings.append({
            "id": mid,
            "date": iso(m["date"]),
            "term": m["term"],
            "year": m["year"],
            "title": m["title"],
            "attendees": ATTENDEES,
            "agenda": agenda,
            "status": "Closed",
            "rev": 1,
        })
        m["id"] = mid

    # Meeting actions
    meeting_actions = [
        (0, "sallow", "Write to the chair of governors confirming High priority and the dates of termly LA strategy meetings", "Priya Shah", "2026-03-20", "2026-03-19"),
        (0, "kestsch", "Share the LA's High priority decision with the trust CEO and agree checkpoint dates", "Tom Hughes", "2026-03-27", "2026-03-24"),
        (1, "hvale", "Arrange an urgent LA and trust strategy meeting following the raised priority", "Tom Hughes", "2026-07-17", "2026-07-15"),
        (1, "lfenby", "Meet the executive headteacher and chair to explain the Medium priority and agree a support plan", "Priya Shah", "2026-07-20", "2026-07-16"),
        (2, "gfenby", "Meet the executive headteacher to explain the raised priority and confirm the support plan", "Priya Shah", "2026-11-06", None),
        (2, "sallow", "Write to the Regional Director about the delay in the academy conversion", "Helen Marsh", "2026-10-30", "2026-10-28"),
        (2, "uhamble", "Inform the diocesan director of education of the change in priority", "Joanne Clarke", "2026-11-13", None),
        (2, "edgeley", "Send the priority letter to the headteacher and trust CEO once the joint SEND review is agreed", "Joanne Clarke", "2026-11-30", None),
    ]
    for mi, k, text, owner, due, done in meeting_actions:
        actions.append(action(BY[k], {"Meeting": meetings[mi]["id"]}, text, owner, d(due),
                              "Done" if done else "Open", d(done) if done else None))

    # Support plans ----------------------------------------------------------
    plan_schools = {
        2025: ["sallow", "thornhaugh", "hvale", "kestsch", "cuthbert", "edgeley", "harrowby", "bracken"],
        2026: ["sallow", "thornhaugh", "hvale", "kestsch", "cuthbert", "edgeley", "gfenby", "lfenby"],
    }
    plan_id = {}
    for year in (2025, 2026):
        for k in plan_schools[year]:
            s = BY[k]
            pid = IDS.next()
            pr = []
            for t in s["themes"][:3]:
                th = THEMES[t]
                crit = th["criteria"] if year == 2026 else th["criteria"][:2]
                if year == 2025:
                    crit = [c.replace("(last year:", "(2024/25:") for c in crit]
                else:
                    crit = [c.replace("(last year:", "(2025/26:") for c in crit]
                pr.append({"title": th["title"], "success_criteria": crit})
            plans.append({"id": pid, "urn": s["urn"], "year": year, "priorities": pr, "rev": 1})
            plan_id[(k, year)] = pid

    # Checkpoint reviews -----------------------------------------------------
    # (date, progress per priority O/S/N, recommendation, next_due or None for +weeks)
    CP = {
        "sallow": [("2025-10-09", "NNS", "Keep", 6), ("2025-11-20", "SNN", "Keep", 6), ("2026-01-15", "SSN", "Keep", 6),
                   ("2026-02-26", "SSN", "Keep", 6), ("2026-04-23", "OSN", "Keep", 6), ("2026-06-04", "OSN", "Keep", 6),
                   ("2026-07-16", "OSN", "Keep", "2026-09-24"), ("2026-10-01", "SSN", "Keep", 6)],
        "thornhaugh": [("2025-10-02", "NNS", "Keep", 6), ("2025-11-13", "NSS", "Keep", 6), ("2026-01-08", "SSS", "Keep", 6),
                       ("2026-02-19", "SSO", "Keep", 6), ("2026-04-16", "SSO", "Keep", 6), ("2026-05-21", "SOO", "Keep", 6),
                       ("2026-07-02", "SSO", "Keep", "2026-09-17"), ("2026-09-17", "SSO", "Keep", "2026-10-22"),
                       ("2026-10-22", "SOO", "Keep", 6)],
        "hvale": [("2025-11-27", "SSS", "Keep", 12), ("2026-02-26", "SSN", "Keep", 12), ("2026-06-11", "NNS", "Raise", 6),
                  ("2026-09-24", "NSS", "Keep", 6), ("2026-11-05", "SSS", "Keep", 6)],
        "kestsch": [("2025-10-16", "NSN", "Keep", 6), ("2025-12-04", "SSN", "Keep", 6), ("2026-01-22", "SSS", "Keep", 6),
                    ("2026-03-05", "SSO", "Keep", 6), ("2026-04-30", "OSO", "Keep", 6), ("2026-06-18", "OSO", "Lower", 12),
                    ("2026-10-08", "OSO", "Keep", "2027-01-14")],
        "cuthbert": [("2026-02-05", "NSS", "Keep", 12), ("2026-05-07", "SSO", "Keep", "2026-09-30"),
                     ("2026-09-30", "SSO", "Keep", "2027-01-13")],
        "edgeley": [("2026-01-29", "SSS", "Keep", 12), ("2026-04-30", "SOS", "Keep", "2026-10-07"),
                    ("2026-10-07", "SON", "Keep", "2027-01-20")],
        "harrowby": [("2026-02-05", "SSO", "Keep", 12), ("2026-05-14", "OOO", "Lower", None)],
        "bracken": [("2026-02-12", "SSS", "Keep", 12), ("2026-05-21", "OOO", "Lower", None)],
        "lfenby": [("2026-09-30", "SOS", "Keep", "2027-01-13")],
    }
    P = {"O": "OnTrack", "S": "SomeConcern", "N": "NotOnTrack"}
    JUDGE = {
        "OnTrack": "Good progress against the support plan: leaders are acting on the priorities and the impact is visible in the school's own data and in what was seen.",
        "SomeConcern": "Progress against the support plan is mixed: actions are in place and some impact is visible, but not yet enough to be confident the priorities will be met this year.",
        "NotOnTrack": "Progress against the support plan is too slow: key actions have slipped and the evidence does not yet show improvement.",
    }
    REC = {
        "Keep": "Recommend the priority is kept.",
        "Raise": "Recommend the SQA meeting raises the priority.",
        "Lower": "Recommend the SQA meeting considers lowering the priority.",
    }
    CONTEXT = {
        "sallow": "The interim headteacher is driving improvement, but the budget deficit and the stalled academy conversion remain the overriding risks.",
        "thornhaugh": "Trust support is strong and the new curriculum deputy is having an effect; attendance remains the weakest strand.",
        "hvale": "The interim executive headteacher has brought greater stability, but outcomes and attendance have yet to improve.",
        "kestsch": "Behaviour and leadership are now secure; the focus has moved to outcomes in science and for pupils with SEND.",
        "cuthbert": "Safeguarding record-keeping has improved markedly since the audit; maths remains the main academic priority.",
        "edgeley": "Reading is improving; attendance and SEND support plans need sharper follow-through by leaders.",
        "harrowby": "Leaders have responded well to the inspection findings and self-evaluation is accurate.",
        "bracken": "Leaders have acted quickly on the inspection findings.",
        "lfenby": "The interim head of school has settled well and the federation budget plan has been agreed with LA finance.",
    }
    checkpoint_ids = {}
    for k, rows in CP.items():
        s = BY[k]
        for (ds, prog, rec, nxt) in rows:
            day = d(ds)
            year = day.year if day.month >= 9 else day.year - 1
            pid = plan_id.get((k, year))
            cid = IDS.next()
            progress = []
            for i, c in enumerate(prog):
                th = THEMES[s["themes"][i]]
                progress.append({"priority": i, "progress": P[c], "commentary": th["cp"][P[c]]})
            worst = "NotOnTrack" if prog.count("N") >= 2 or (prog.count("N") == 1 and prog.count("O") == 0) else (
                "OnTrack" if prog.count("O") >= 2 else "SomeConcern")
            if isinstance(nxt, int):
                nd = weekday(day + timedelta(weeks=nxt))
            elif nxt is None:
                nd = None
            else:
                nd = d(nxt)
            checkpoints.append({
                "id": cid,
                "urn": s["urn"],
                "date": iso(day),
                "reviewer": s["off"],
                "plan": pid,
                "progress": progress,
                "overall": worst,
                "judgement": " ".join([JUDGE[worst], CONTEXT[k], REC[rec]]),
                "recommendation": rec,
                "next_due": iso(nd),
                "rev": 1,
            })
            checkpoint_ids.setdefault(k, []).append((day, cid))
            activities.append(activity(s, "CheckpointReview", "Checkpoint review against the support plan",
                                       day, day, "Done", s["off"]))
        last = checkpoints[-1]
        if last["next_due"]:
            nd = d(last["next_due"])
            activities.append(activity(s, "CheckpointReview", "Checkpoint review against the support plan",
                                       nd, None, "Planned", s["off"]))
    # Great Fenby: first checkpoint after becoming Medium.
    activities.append(activity(BY["gfenby"], "CheckpointReview", "First checkpoint review against the support plan",
                               d("2027-01-07"), None, "Planned", "Priya Shah"))

    # Checkpoint actions
    cp_actions = [
        ("sallow", 0, "Submit the revised deficit recovery plan to LA finance before the next checkpoint", "Headteacher", "2026-10-29", None),
        ("sallow", 1, "Confirm the interim arrangements for the reading lead post", "Mandeep Gill", "2026-11-13", None),
        ("thornhaugh", 0, "Provide the half-termly attendance analysis by year group", "Gemma Lowther", "2026-11-05", "2026-11-04"),
        ("thornhaugh", 0, "Share the maths mock outcomes with the link officer", "Headteacher", "2026-12-11", None),
        ("hvale", 0, "Send the removals analysis by department to the link officer", "Robert Achebe", "2026-12-04", None),
        ("hvale", 1, "Agree the science improvement plan with the trust subject lead", "Deputy headteacher (curriculum)", "2026-10-16", None),
        ("kestsch", 0, "Commission the trust SEND review and share the terms of reference", "Andrew Pallister", "2026-11-20", "2026-11-18"),
        ("cuthbert", 0, "Complete low-level concerns training for all staff", "Bernadette Hollis", "2026-11-11", None),
        ("edgeley", 0, "Rewrite SEND support plan targets for Years 5 and 6", "SENDCo", "2026-12-18", None),
        ("harrowby", 0, "Present the phonics and KS2 outcomes to governors", "Kevin Ashdown", "2026-06-30", "2026-06-24"),
    ]
    for k, back, text, owner, due, done in cp_actions:
        cid = sorted(checkpoint_ids[k])[-1 - back][1]
        actions.append(action(BY[k], {"Checkpoint": cid}, text, owner, d(due),
                              "Done" if done else "Open", d(done) if done else None))

    # Visits and notes ---------------------------------------------------------
    TERMS = [
        (d("2025-09-15"), 70, 0),   # autumn 2025, spring category
        (d("2026-01-12"), 60, 0),   # spring 2026
        (d("2026-04-20"), 75, 1),   # summer 2026
        (d("2026-09-14"), 66, 2),   # autumn 2026, up to 19 Nov
    ]
    PER_TERM = {"high": 2, "medium": 1, "low": 1, "universal": 0}
    NOTES_QUOTA = {"sallow": 5, "thornhaugh": 5, "hvale": 4, "kestsch": 3, "cuthbert": 3, "edgeley": 3,
                   "gfenby": 3, "lfenby": 2, "harrowby": 2, "bracken": 2, "ashcombe": 1, "oakpri": 1,
                   "michael": 1, "kestpri": 1, "uhamble": 1, "sixth": 1, "fernbrook": 1, "brampton": 1,
                   "oakcoll": 1}
    DRAFTS = {"thornhaugh", "gfenby", "hvale"}
    for si, s in enumerate(S):
        visits = []
        for ti, (start, length, ci) in enumerate(TERMS):
            c = s["cats"][ci]
            n = PER_TERM[c]
            if c == "low" and ti == 1:
                n = 0
            if c == "universal" and ti in (1, 3):
                n = 1
            if s["k"] == "gfenby" and ti == 3:
                n = 2
            for j in range(n):
                off = (si * 7 + j * (length // max(n, 1)) + ti * 3) % length
                day = weekday(start + timedelta(days=off))
                if day >= d("2026-11-21"):
                    day = d("2026-11-19")
                visits.append((day, c))
        visits.sort()
        # dedupe identical dates
        seen = set()
        vv = []
        for v in visits:
            if v[0] in seen:
                continue
            seen.add(v[0])
            vv.append(v)
        visits = vv
        # future planned visit
        future = weekday(d("2026-12-01") + timedelta(days=(si * 5) % 60))
        if future.month == 12 and future.day > 17:
            future = weekday(d("2027-01-06") + timedelta(days=si % 10))
        quota = NOTES_QUOTA.get(s["k"], 0)
        noted = set(range(len(visits) - quota, len(visits)))
        for vi, (day, c) in enumerate(visits):
            nxt = visits[vi + 1][0] if vi + 1 < len(visits) else future
            note_id = None
            if vi in noted:
                theme = s["themes"][vi % len(s["themes"])]
                draft = s["k"] in DRAFTS and vi == len(visits) - 1
                note_id = make_note(s, day, c, theme, nxt, draft, notes, actions, vi)
            activities.append(activity(s, "Visit", visit_title(c, vi), day, day, "Done", s["off"], note_id))
        activities.append(activity(s, "Visit", visit_title(s["cats"][2], len(visits)), future, None, "Planned", s["off"]))

    # Other activities ---------------------------------------------------------
    OTHER = [
        # LA strategy meetings, termly at High schools
        ("sallow", "StrategyMeeting", "LA strategy meeting with headteacher and chair", "2025-10-14", "Done"),
        ("sallow", "StrategyMeeting", "LA strategy meeting with headteacher and chair", "2026-02-03", "Done"),
        ("sallow", "StrategyMeeting", "LA strategy meeting with headteacher and chair", "2026-05-12", "Done"),
        ("sallow", "StrategyMeeting", "LA strategy meeting with headteacher and chair", "2026-10-06", "Done"),
        ("sallow", "StrategyMeeting", "LA strategy meeting with headteacher and chair", "2027-01-26", "Planned"),
        ("thornhaugh", "StrategyMeeting", "LA and trust strategy meeting", "2025-10-21", "Done"),
        ("thornhaugh", "StrategyMeeting", "LA and trust strategy meeting", "2026-02-10", "Done"),
        ("thornhaugh", "StrategyMeeting", "LA and trust strategy meeting", "2026-05-19", "Done"),
        ("thornhaugh", "StrategyMeeting", "LA and trust strategy meeting", "2026-10-13", "Done"),
        ("thornhaugh", "StrategyMeeting", "LA and trust strategy meeting", "2027-02-02", "Planned"),
        ("hvale", "StrategyMeeting", "LA and trust strategy meeting", "2026-07-14", "Done"),
        ("hvale", "StrategyMeeting", "LA and trust strategy meeting", "2026-10-20", "Done"),
        ("hvale", "StrategyMeeting", "LA and trust strategy meeting", "2027-01-19", "Planned"),
        ("kestsch", "StrategyMeeting", "LA and trust strategy meeting", "2025-11-04", "Done"),
        ("kestsch", "StrategyMeeting", "LA and trust strategy meeting", "2026-02-24", "Done"),
        # governance
        ("sallow", "GovernanceReview", "External review of governance", "2026-01-20", "Done"),
        ("sallow", "GoverningBoard", "Full governing board (LA observer)", "2025-12-09", "Done"),
        ("sallow", "GoverningBoard", "Full governing board (LA observer)", "2026-03-24", "Done"),
        ("sallow", "GoverningBoard", "Full governing board (LA observer)", "2026-06-23", "Done"),
        ("sallow", "GoverningBoard", "Full governing board (LA observer)", "2026-11-17", "Done"),
        ("sallow", "GoverningBoard", "Full governing board (LA observer)", "2027-02-09", "Planned"),
        ("gfenby", "GovernanceReview", "Review of federation governance", "2027-01-21", "Planned"),
        ("lfenby", "GoverningBoard", "Federation governing board: budget recovery plan", "2026-11-10", "Planned"),
        ("cuthbert", "GoverningBoard", "Governing board (LA observer), safeguarding report", "2026-03-17", "Done"),
        ("edgeley", "GoverningBoard", "Local governing body (LA observer)", "2026-11-18", "Planned"),
        ("hvale", "GovernanceReview", "Review of the local governing body with the trust", "2026-12-08", "Planned"),
        # deep dives and peer review
        ("edgeley", "DeepDive", "Deep dive: early reading", "2026-02-25", "Done"),
        ("thornhaugh", "DeepDive", "Deep dive: mathematics", "2026-03-04", "Done"),
        ("gfenby", "DeepDive", "Deep dive: mathematics in Years 5 and 6", "2026-12-03", "Planned"),
        ("kestsch", "DeepDive", "Deep dive: science", "2026-11-26", "Planned"),
        ("harrowby", "DeepDive", "Deep dive: history and geography", "2026-03-10", "Done"),
        ("oakcoll", "PeerReview", "Peer review with Hambleton Vale Academy", "2026-05-06", "Done"),
        ("ashcombe", "PeerReview", "Primary peer review triad", "2027-02-04", "Planned"),
        # inspections
        ("bracken", "OfstedInspection", "Ofsted inspection (graded)", "2025-11-05", "Done"),
        ("kestsch", "OfstedInspection", "Ofsted inspection (graded)", "2026-05-13", "Done"),
        # training
        ("cuthbert", "Training", "Low-level concerns training for all staff", "2026-11-11", "Planned"),
        ("fernbrook", "Training", "DSL level 3 refresher, hosted for the special schools network", "2026-10-14", "Done"),
        ("edgeley", "Training", "Attendance support planning workshop", "2026-01-21", "Done"),
        # cancelled
        ("cotterby", "Visit", "Core visit", "2026-06-24", "Cancelled"),
        ("sixth", "DeepDive", "Deep dive: A-level mathematics", "2026-03-18", "Cancelled"),
    ]
    for k, kind, title, ds, status in OTHER:
        s = BY[k]
        day = d(ds)
        owner = s["off"]
        if kind == "OfstedInspection":
            owner = s["off"]
        activities.append(activity(s, kind, title, day, day if status == "Done" else None, status, owner))

    # Overdue actions: leave the latest past-due note actions open for these schools.
    OVERDUE = {"kestsch": 1, "cuthbert": 1, "edgeley": 1, "gfenby": 1, "thornhaugh": 1}
    for k, n in OVERDUE.items():
        urn = BY[k]["urn"]
        cands = [a for a in actions if a["urn"] == urn and "Note" in a["source"] and a["due"] and d(a["due"]) < TODAY
                 and d(a["due"]) >= d("2026-09-01")]
        cands.sort(key=lambda a: (a["due"], a["id"]), reverse=True)
        for a in cands[:n]:
            a["status"] = "Open"
            a["completed"] = None

    activities.sort(key=lambda a: (a["planned"], a["urn"], a["kind"], a["title"]))
    for a in activities:
        a["id"] = IDS.next()

    # The next SQA meeting, planned for the spring term with every school on its agenda, so the
    # county always has a meeting coming up. Its id is taken last so no other id moves.
    meetings.append({
        "id": IDS.next(),
        "date": iso(NEXT_MEETING["date"]),
        "term": NEXT_MEETING["term"],
        "year": NEXT_MEETING["year"],
        "title": NEXT_MEETING["title"],
        "attendees": ATTENDEES,
        "agenda": [{"urn": s["urn"], "state": "Pending", "decision": None} for s in S],
        "status": "Planned",
        "rev": 1,
    })

    # Sallow Cross is a school causing concern: concerns were raised with its governors after
    # the summer meeting, and the autumn meeting led to a warning notice whose response is now
    # overdue (the board shows WN!). Ids are taken after the meeting's, so no other id moves.
    sallow = BY["sallow"]["urn"]
    dec = {x["date"]: x["id"] for x in decisions if x["urn"] == sallow}
    escalations = [
        {"id": IDS.next(), "urn": sallow, "kind": "ConcernsRaised", "date": "2026-07-14",
         "by": "Helen Marsh", "status": "Done",
         "grounds": "Letter to the chair: KS2 reading and maths outcomes, leadership capacity",
         "response_due": None, "prompted_by": {"Decision": dec["2026-07-09"]}, "rev": 1},
        {"id": IDS.next(), "urn": sallow, "kind": "WarningNotice", "date": "2026-10-20",
         "by": "Helen Marsh", "status": "Open",
         "grounds": "Standards of performance unacceptably low (s60 EIA 2006); no credible plan",
         "response_due": "2026-11-03", "prompted_by": {"Decision": dec["2026-10-15"]}, "rev": 1},
    ]

    return {
        "format": 1,
        "scheme": SCHEME,
        "schools": [school_json(s) for s in S],
        "decisions": decisions,
        "meetings": meetings,
        "activities": activities,
        "plans": plans,
        "checkpoints": checkpoints,
        "notes": notes,
        "actions": sorted(actions, key=lambda a: a["id"]),
        "escalations": escalations,
        "audit": [],
    }


def visit_title(c, i):
    vt = VISIT_TYPES[c]
    return vt[i % len(vt)]


def activity(s, kind, title, planned, done, status, owner, note=None):
    return {
        "id": None,  # assigned after sorting, so ids follow the timeline
        "urn": s["urn"],
        "kind": kind,
        "title": title,
        "planned": iso(planned),
        "done": iso(done),
        "status": status,
        "owner": owner,
        "note": note,
        "rev": 1,
    }



def action(s, source, text, owner, due, status, completed):
    a = {
        "id": IDS.next(),
        "urn": s["urn"],
        "source": source,
        "text": text,
        "owner": owner,
        "due": iso(due),
        "status": status,
        "completed": iso(completed),
        "rev": 1,
    }
    return a


def owner_for(s, kind, th):
    if kind == "head":
        return s["head"]
    if kind == "officer":
        return s["off"]
    if kind == "chair":
        return s["chair"]
    return th["role"]


PURPOSES = {
    "high": "To review progress on the support plan priority: {t}, and to follow up actions from the last strategy meeting.",
    "medium": "To monitor progress on the support plan priority: {t}, and agree next steps with the headteacher.",
    "low": "Core visit: discuss the school's self-evaluation, outcomes and priorities for the year, with a focus on: {t}.",
    "universal": "Annual core visit: the school's self-evaluation and how it supports other schools; focus on: {t}.",
}


def make_note(s, day, c, theme, next_visit, draft, notes, actions, vi):
    th = THEMES[theme]
    nid = IDS.next()
    agreed = []
    ai = vi % len(th["actions"])
    for text, kind in [th["actions"][ai]]:
        due = weekday(day + timedelta(weeks=4 + 2 * ai))
        owner = owner_for(s, kind, th)
        done_day = None
        status = "Open"
        if due < TODAY:
            status = "Done"
            done_day = weekday(due - timedelta(days=3))
            if done_day > TODAY:
                done_day = due
        a = action(s, {"Note": nid}, text, owner, due, status, done_day)
        actions.append(a)
        agreed.append({"text": text, "owner": owner, "due": iso(due), "action": a["id"]})
    lead = th["lead"]
    people = "%s (headteacher); %s" % (s["head"], lead)
    if theme == "leadership" or c == "high":
        people += "; %s (chair of governors)" % s["chair"]
    text = (
        "Visit to %s. %s\n\n" % (s["name"], th["para"])
        + "%s was open about the challenges and we agreed that the next visit will look again at the %s priority, "
          "alongside the actions above. This note will be shared with the headteacher%s."
        % (s["head"], th["short"],
           " and the trust" if s["academy"] else " and the chair of governors")
    )
    body = {
        "date": iso(day),
        "visitors": [s["off"]],
        "visit_type": visit_title(c, vi),
        "purpose": PURPOSES[c].format(t=th["title"][0].lower() + th["title"][1:]),
        "people_met": people,
        "focus": th["focus"],
        "evidence": th["evidence"],
        "strengths": th["strength"],
        "development": th["development"],
        "actions": agreed,
        "next_steps": "Link officer to follow up the agreed actions at the next visit on %s; progress to be reported to the next SQA meeting."
        % next_visit.strftime("%d/%m/%Y"),
        "next_visit": iso(next_visit),
        "text": text,
    }
    note = {
        "id": nid,
        "urn": s["urn"],
        "author": s["off"],
        "created": ts(day, 15, 30),
        "status": "Draft" if draft else "Final",
        "finalised": None if draft else ts(weekday(day + timedelta(days=2)), 10, 5),
        "body": body,
        "amendments": [],
        "rev": 1,
    }
    if s["k"] == "cuthbert" and vi == 1:
        prev = json.loads(json.dumps(body))
        prev["people_met"] = prev["people_met"].replace("Bernadette Hollis", "Bernadette Hollins")
        prev["development"] = "Two single central record entries lacked dates of prohibition checks."
        note["amendments"] = [{
            "version": 1,
            "reason": "Factual accuracy check by the headteacher: corrected the spelling of her name and completed the areas for development, which had been cut short.",
            "author": s["off"],
            "at": ts(weekday(day + timedelta(days=9)), 11, 40),
            "previous": prev,
        }]
    notes.append(note)
    return nid


def school_json(s):
    return {
        "urn": s["urn"],
        "name": s["name"],
        "phase": s["phase"],
        "school_type": s["type"],
        "trust": s["trust"],
        "diocese": s["dio"],
        "headteacher": s["head"],
        "chair_of_governors": s["chair"],
        "link_officer": s["off"],
        "pupils": s["pupils"],
        "ofsted": s["ofsted"],
        "ofsted_date": s["od"],
        # Schools inspected under the November 2025 framework have a report card.
        "report_card": s.get("card"),
        "opened": s["opened"],
        "rev": 1,
    }


def main():
    data = build()
    if len(sys.argv) > 2:
        sys.exit("usage: make_demo.py [OUT]")
    if len(sys.argv) == 2:
        out = sys.argv[1]
    else:
        out = os.path.join(os.path.dirname(os.path.abspath(__file__)), "demo.json")
    with open(out, "w", encoding="utf-8") as f:
        json.dump(data, f, indent=2, ensure_ascii=False)
        f.write("\n")
    counts = {k: len(v) for k, v in data.items() if isinstance(v, list)}
    print("wrote", out, counts)


if __name__ == "__main__":
    main()
