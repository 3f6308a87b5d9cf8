"""A patient named by a given name alone, or a relation and a given name, in a sentence of
care news about them: what was done to them ("has been referred to the memory clinic", "was
sectioned"), where they lie with their health as theirs ("is back in A&E with another
overdose"), what of their care changed after their "'s" ("Kelvin's insulin dose has been
increased"), how they were and the service told ("was very tearful today ... We have contacted
the crisis team"), a relative who writes ("this is Gareth's daughter - he is in hospital with
pneumonia"), a relation and a given name ("Update on Uncle Clive - the biopsy showed ...").
With each, the far commoner colleague's news, events and stories with the same words, which
name no patient: a colleague's sickness absence, their job, rota, teaching, a talk, an
award, a relative of theirs, a greeting, meeting notes, a signature, a case in teaching, the
media's figures."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients

CARE_NEWS = [
    "Marcus has been admitted to the acute psychiatric unit after a relapse of his psychosis.",
    "Heads up - Shona was discharged from the stroke unit yesterday and the DNs are visiting tomorrow.",
    "Owen has been referred to the memory clinic after his fall last week.",
    "Priya was transferred to the coronary care unit overnight with chest pain.",
    "Gordon was sectioned last night and is now on the psychiatric intensive care unit.",
    "Siobhan is back in A&E with another overdose, she is on 1:1 obs.",
    "Declan is on the ward after his seizure and is being monitored on hourly obs.",
    "Kelvin's insulin dose has been increased to 24 units, please recheck his sugars on Friday.",
    "Marjorie's catheter has blocked again and she has lower abdominal pain, can the DN visit today?",
    "Imran's HIV viral load came back undetectable, please send him the clinic letter.",
    "Nadia's lithium level came back raised at 1.4, GP to review her dose today.",
    "Stuart's buprenorphine script has been reduced to 8mg, supervised consumption continues at the chemist.",
    "Keeley was very tearful today and spoke about wanting to end her life. We have contacted the crisis team.",
    "Jasmine has been referred to the early intervention in psychosis team following her first episode.",
    "Rory has been started on clozapine on the ward and is on daily bloods.",
    "Update on Uncle Clive - the biopsy showed a tumour in his bowel and he's seeing the colorectal surgeon on Monday.",
    "Agnes is in A&E after a fall with a suspected fractured wrist.",
    "Callum was admitted to paediatrics with DKA overnight.",
    "Fatima's warfarin dose has been changed after her INR came back at 5.1.",
    "Hamza's stoma is leaking and his skin is sore, stoma nurse please review.",
    "Bronwen has been admitted to the ward. She has a chest infection and is on IV antibiotics.",
    "Hi all, Kofi was discharged home from the respiratory ward this morning on home oxygen.",
    "Yusuf's oxycodone dose has been increased after his pain got worse overnight.",
    "Tegan was very withdrawn today and would not eat. We have contacted the home treatment team.",
    "Hello, this is Gareth's daughter - he is in hospital with pneumonia and is on oxygen.",
    "Sadly Norma was admitted to the hospice last night with end of life symptoms.",
    "Dylan's PICC line is blocked again and he needs his IV antibiotics at 2pm.",
    "Rhys was sectioned under the Mental Health Act yesterday.",
    "Update on Grandad Ted - the scan showed a clot in his leg and he's been started on apixaban.",
    "Alfie has been diagnosed with type 1 diabetes and is on the children's ward.",
    # a reason's clause led by the name, what is asked of the parent after it, theirs by "his"
    "As Kai is still wheezing at night, please step up his purple inhaler to two puffs twice daily.",
    # a person the writer could not reach, the next sentence their care news led by "her" or "he"
    "Couldn't get hold of Nia this morning. Her glucose test came back raised so it's type 2 diabetes.",
    "I tried to ring Callum today. He has been admitted to the ward with pneumonia.",
]


@pytest.mark.parametrize("text", CARE_NEWS)
def test_a_given_name_in_news_of_their_care_is_a_patient(text: str) -> None:
    assert patients(text) == {"patient_name": 1}, text


COLLEAGUES_AND_STORIES = [
    "Sarah's off sick with a chest infection, back Monday.",
    # a colleague's own illness told with their absence, wishes, or what it means at work
    "Our Jo has been admitted to hospital with pneumonia - cards in the staff room if you want to sign.",
    "Kerry was admitted on Tuesday with a kidney stone; she says thank you for the flowers.",
    "Mike is in hospital after his heart attack, collection for him at the nurses' station.",
    "Sian has been diagnosed with breast cancer and has asked us to let everyone know she'll be away for a while.",
    "Craig was taken to A&E after he collapsed at the Christmas party, he's fine now.",
    "Jess's bloods came back fine, so she's back in tomorrow.",
    "Dan's covid test came back positive, so he won't be in until next week.",
    "Nick was rushed to A&E with chest pain during the 5k fun run but is doing well.",
    "Rachel is in ITU after her car accident; the family have asked for privacy.",
    "Ian has been signed off with stress for four weeks.",
    "Laura's depression has been bad lately, please be kind to her at work.",
    "Mark has been referred to the pain clinic for his back, so please don't give him heavy lifting.",
    "Helen was diagnosed with diabetes last month and is finding the night shifts hard.",
    "Tony has been started on blood pressure tablets by his GP, he wanted you to know why he's dizzy at handover.",
    "Claire is in A&E with her son who broke his arm at football.",
    "Gemma was admitted to maternity last night and had a baby girl! Both doing well.",
    "Becky's MRI showed a slipped disc so she's on light duties for now.",
    "Adam was sectioned in the play we watched last night, the acting was brilliant.",
    "Sean's insulin pump audit showed good results this quarter.",
    "Julie's catheter supplies order has been changed to monthly.",
    "Wendy's script for the patient information video has been changed.",
    "Jane was discharged from the reserves and is now our ward sister.",
    "Kim was transferred to the surgical unit for her new post as practice educator.",
    "Vera is back on the ward after her knee op - welcome back Vera!",
    "Zoe is in hospital having a baby, she's due any day.",
    "Lynn has been referred to the menopause clinic and has asked for flexible working.",
    "Matt is in A&E today, he's the nurse in charge, ring him for bed questions.",
    "Gary was very low after his divorce, so I've told the wellbeing lead.",
    "Donna was very tearful at the handover meeting, I've informed her line manager.",
    # the given name is a clinician's the text named before
    "Sister Mia Example ran the huddle this morning. Mia was admitted to the stroke unit last year and is doing well.",
    "Dave had his knee op and is off for six weeks.",
    "Priya is on maternity leave until April.",
    "Tom's mum is in hospital so he's on compassionate leave this week.",
    "Amy ran the diabetes clinic today and it overran by an hour.",
    "Jo is our new crisis team lead, please make her welcome.",
    "Ben will cover the ward while the charge nurse is at the stroke meeting.",
    "Thanks Claire for the brilliant sepsis teaching on Tuesday.",
    "Hi Frank, the overdose pathway document is attached for comments.",
    "Marcus has been appointed to the acute psychiatric unit as a band 6 nurse.",
    "Shona was transferred to the stroke unit as part of her rotation.",
    "Owen has been referred to occupational health for his back pain, he's on light duties.",
    "Gordon was admitted to the fellowship of the Royal College of Psychiatrists for his work on psychosis.",
    "Siobhan is back on the ward after her annual leave and will take the diabetes patients.",
    "Declan is on the ward today running the epilepsy clinic.",
    "Kelvin's insulin pump training is on Friday in the education centre.",
    "Marjorie's catheter teaching session has been moved to Thursday.",
    "Imran's HIV audit came back with a 92% compliance rate.",
    "Nadia's lithium monitoring project has been shortlisted for an award.",
    "Stuart's methadone talk at the conference was excellent.",
    "Keeley was very tearful at her leaving do yesterday. We have sent her a card from the crisis team.",
    "Jasmine has been seconded to the early intervention in psychosis team for six months.",
    "Rory has started on the ward as a healthcare assistant and is doing the bloods round.",
    "Agnes is in A&E today covering the trauma rota.",
    "Callum was seen by the diabetes team at the conference stand.",
    "Fatima's warfarin clinic has moved to Wednesday afternoons.",
    "Hamza's stoma care workshop is fully booked.",
    "Sarah was admitted last night with appendicitis so she won't be in this week.",
    "Ben is in hospital having his gallbladder out, he's off for two weeks.",
    "Lucy's back pain is playing up so she's working from home today.",
    "Paul has been started on the night rota on the stroke ward.",
    "Emma was seen in A&E last night with a migraine and has phoned in sick.",
    "Jo was very low after the restructure meeting. I've let the crisis team manager know we need extra support.",
    "Hannah is in ITU with the sepsis patient, please bleep her if needed.",
    "Ravi is on the ward with a patient with chest pain, he'll ring back.",
    "Tim was referred to me by the practice manager about the dementia training.",
    "Sophie has been referred to the eating disorders service interview panel as an observer.",
    "Carl's dose calculation workshop for insulin is on the intranet.",
    "Ellie's results from the diabetes audit came back better than last year.",
    "Mo was admitted to the Royal College of Nursing as a fellow for his work on stroke care.",
    "Grace has been transferred to the mental health unit as the new ward manager.",
    "Nicola was taken to A&E by ambulance during her shift, wishing her a speedy recovery.",
    "Kate is back on the ward on Monday after her surgery, phased return.",
    "Liam is in A&E with his dad who has chest pain, so he'll be late in.",
    "Zara's dad has been admitted to the coronary care unit so she's on compassionate leave.",
    "Ollie presented the case of a man with an overdose at the grand round.",
    "Megan's viral load lecture slides are on the shared drive.",
    "Jack is the new lead for the crisis team from May.",
    "Amir is covering the mental health unit this weekend.",
    "Bethany is running the DN clinic in room 4 this afternoon.",
    "Leah was referred to the conference organisers by the diabetes network.",
    "Kieran has been put on the sepsis course for next month.",
    "Dan is doing the bloods on the ward this morning, then the diabetes clinic.",
    "Molly had her flu jab today at the staff vaccination clinic.",
    "Ruth's chest infection is no better so she'll be off till Thursday.",
    "Aled is off for a week after his hernia repair, best wishes from all of us.",
    "Tasha's migraine came back so she's gone home, can someone cover her patients?",
    "Chris was diagnosed with diabetes five years ago and is now our patient partner and trustee.",
    "In this fictional scenario, Bob is admitted to the ward with an overdose.",
    "Case study: Jenny is a 45-year-old woman admitted with DKA; discuss her management.",
    "Kylie has been admitted to hospital, according to the newspaper, after collapsing on stage.",
    "Maria will be on the ward for the stroke awareness stall on Friday.",
    "Attendees: Frank, Amy, Raj. Item 3: overdose prevention and naloxone kits.",
    "Dr Raj Example spoke about overdose prevention; Raj's talk was well received.",
    "Hi Tariq, the ward has been busy with overdoses this week, can we meet?",
    "Sam is back on the ward next week after her sick leave.",
    "Will be admitted to the new unit from next month as part of the service move.",
    "Alison has moved to the diabetes team and starts on Monday.",
    "Steph has been referred to the OH physio for her shoulder and is on restricted duties.",
    "Pete's knee is still bad after his op, so he's off work another fortnight.",
    "Beverley in reception says the crisis team phone line is down.",
    "Sam has been transferred to the diabetes team permanently from next month.",
    "Amy has been referred to the mental health first aid course by her line manager.",
    "Priya was discharged from the army and joined us on the diabetes ward last year.",
    "Mo was taken on as a dementia champion for the unit.",
    "Eve was started on the diabetes rotation this week.",
    "Sue is on the ward with the diabetes specialist nurse this morning.",
    "Lou is on the ward after her break, with a new admission with sepsis.",
    "Jen is on 1:1 with the lady in bay 3 who has dementia.",
    "Ash is in hospital for his knee replacement, so I'm covering his clinics.",
    "Liz is back in A&E after her holiday, and starts the asthma teaching on Friday.",
    "Jo's insulin pump course has been changed to Friday.",
    "Amy's diabetes clinic has been cancelled today due to sickness.",
    "Sam's results in the sepsis audit improved on last quarter.",
    "Ben's ECG teaching slides have been changed to the new template.",
    "Priya's BMI calculator spreadsheet has been changed, please use the new version.",
    "Rob's script for the asthma video has been changed after filming.",
    "Holly was really low after the inspection feedback. I've contacted the staff wellbeing team about the"
    " crisis team rota.",
    "Ryan was unwell yesterday so I've informed the ward manager.",
    "Carly looked flat after the night shift, I've let the crisis team know she's not coming in.",
    "Scenario 2: Bob has been admitted with chest pain; what would you do first?",
    "For the OSCE station, Sally has been referred to the memory clinic by her GP.",
    "Exam question: Ahmed was admitted with DKA. Calculate his fluid requirements.",
    "Elton was rushed to hospital with an infection, the BBC reports.",
    "Bella has been admitted to the vets with a tummy bug, poor dog.",
    "Nina was reviewed by the diabetes network board for the funding bid.",
    "Kim is back on the ward after her sepsis training and is taking bay 2.",
    "Tom's inhaler technique video showed a big improvement in the audit.",
    "Anna's INR clinic numbers dropped this month.",
    "Raj was seen at the stroke conference giving out leaflets.",
    "Ellie was assessed as competent in insulin administration yesterday.",
    "Lisa was put forward for the cancer nursing award by her team.",
    "Gemma seemed confused by the new rota; can someone explain the diabetes cover?",
    "Jamie was admitted to the college of paramedics and is now a member.",
    "Heidi was transferred to the stroke unit as a band 6 staff nurse.",
    "Ruby was seen by occupational health about her asthma and can return to the ward.",
    "Bronwen has been admitted to the nursing register. She has a diabetes background and will join bay 2.",
    "Hi all, Kofi was discharged from the navy and is now our respiratory physio.",
    "Yusuf's oxycodone audit has been increased to two wards.",
    "Tegan was very flat after the inspection. We have contacted the home treatment team about the rota.",
    "Hello, this is Glyn's daughter - he is in hospital doing his diabetes placement so can't ring back.",
    "Sadly Norma is retiring after 30 years on the hospice ward.",
    "Dylan's PICC line teaching is on Tuesday.",
    "Rhys was sectioned off from the rest of the conference hall for the HIV talk.",
    "Update on Nana Pearl - the bake sale raised money for the cancer ward.",
    "Alfie has been given the diabetes lead role on the children's ward.",
    "Jo was admitted to the Royal College of Nursing this year after her dementia research.",
    "Abi is on the ward with the stroke team all day.",
    "Kirsty's HIV clinic list is full until June.",
    "Conor is in A&E seeing a patient with sepsis.",
    "Nathan was reviewed by the panel for his promotion to stroke lead.",
    "Mo was seen by the diabetes team at the staff health fair.",
    "Jade was very low on stock of insulin pens, so I've informed pharmacy.",
    "Connor was taken to the stroke unit to meet the team on his first day.",
    "Reece was put on the diabetes course waiting list.",
    "Lacey has been referred to the memory clinic job advert by a friend.",
    "Hi all,\n\nJust to let you know Sarah has been admitted to hospital with a kidney infection. She's off"
    " for at least a week so please check the rota.\n\nThanks\nKaren",
    "Minutes of ward meeting 3 March\nPresent: Frank, Amy, Raj, Tariq\n1. Overdose prevention: Raj to update"
    " the naloxone SOP.\n2. Falls: Amy is leading the bay 3 audit.",
    "Morning team,\nDawn was discharged from the navy reserves last week and joins us on the stroke ward on"
    " Monday as an HCA.",
    "Hi Erin,\nThe eating disorders service has moved to Block C. Her BMI charts are in the cupboard.\nThanks, Frank",
    "Thanks to Ewan for covering the mental health unit over the weekend - much appreciated.",
    "Lorraine has been referred to the leadership academy by her matron, well done!",
    "Darren's methadone prescribing update talk is on the intranet.",
    "Tariq is back on the ward after his holiday and is taking the 1:1 obs in bay 2.",
    "Chidi's HIV viral load study has been published in the journal.",
    "Frank's catheter care teaching for the HCAs is on Thursday at 2pm.",
    "Kind regards,\nFrank\nDistrict Nurse Team Leader\nDN Office, Riverside Health Centre",
    "Beth is on the ward today with the DN students, they are doing catheter care.",
    "Harriet has been started on the preceptorship programme on the respiratory ward.",
    "Sophie was very low on annual leave days, so I've informed the crisis team manager she can't do the extra shift.",
    "Ava is in A&E on her placement this week learning about overdose management.",
    "Great news - Harry's chemo has finished and he's coming back to work in June!",
    "Ben is in hospital with his wife who has gone into labour, so he's on paternity leave.",
    "Poppy's baby was admitted to the neonatal unit last night, please send her your love.",
    "Dominic's scan came back clear - he'll be back on nights from Monday.",
    "Kane was taken off with a hamstring injury in the second half of the match.",
    "Harry was rushed to hospital with an infection, palace sources say.",
    "Vicky is on the crisis team rota for the bank holiday.",
    "Joe is back on the ward on Monday after his knee op.",
    "Ella had her COVID booster at the staff clinic and felt rough after it.",
    "Sam's blood pressure reading on the new machine was wrong, can estates check it?",
    # a reason's clause about a colleague; a colleague who could not be reached
    "As Kai is still coughing, he has swapped his asthma clinic to Friday.",
    "As Jo is in pain with her back, can someone swap her nights?",
    "Couldn't get hold of Nia. She is off sick with a chest infection so please cover her clinic.",
    "Tried to ring Nia. Her mum has been admitted with pneumonia.",
    "Couldn't get hold of Nia today. Her diabetes clinic is running late.",
    "Tried to call Nia. Her talk on asthma is moved to Friday.",
]


@pytest.mark.parametrize("text", COLLEAGUES_AND_STORIES)
def test_a_given_name_in_news_of_work_absence_or_a_story_names_no_patient(text: str) -> None:
    assert patients(text) == {}, text


# A person whose news the writer says they give, at the end of their sentence, then the care
# news in the next sentence (or paragraph) led by "he" or "she"; a given name then the medicine
# they take. A relative's or a partner agency's update.
UPDATES_AND_MEDICINES = [
    "Hello Bernadette,\n\nAs you asked, a short update on Lewis.\n\nHe was taken to the place of safety overnight and "
    "seen by the crisis team, who have started him on olanzapine.",
    "Some news from us about Ruth. She was admitted to the ward on Sunday after taking an overdose.",
    "Dear Mrs Akande,\n\nJust to update you on Femi following our phone call.\n\nHe has been started on quetiapine "
    "and the home treatment team will see him every day this week.",
    "Hi Rosa, an update re Milo: he was detained under section 2 on Saturday night.",
    "Ahead of Thursday's visit, a few points:\n- Tobias is on a monthly depot (aripiprazole) given at the hub.\n"
    "- The flat is in good order.",
    "Leanne is still taking lithium and has her levels checked every three months.",
    "Connor has been on clozapine since 2021 and attends the clinic for bloods.",
]


@pytest.mark.parametrize("text", UPDATES_AND_MEDICINES)
def test_a_given_name_in_an_update_or_with_the_medicine_they_take_is_a_patient(text: str) -> None:
    assert patients(text) == {"patient_name": 1}, text


UPDATE_AND_DUTY_TWINS = [
    "Quick update on Hannah. She has been appointed as our new perinatal mental health lead and starts in May.",
    "A brief update on Oliver. He is running the depression support group again from next week.",
    "An update on Grace. She was asked to present the dementia audit at the regional meeting.",
    "Hi all, an update on Priya: she has been appointed to the psychosis service lead post.",
    "Update on Dev: his talk on bipolar disorder is moved to Friday.",
    "Megan is on the eating disorders ward this week covering for Sam.",
    "Ravi is on the dementia training course tomorrow.",
    "Jess is on the perinatal mental health team now, so send referrals to her.",
    "Amira is on the HIV clinic on Tuesdays.",
    "Beth is on the stroke rehab unit from Monday.",
    "Ahead of Thursday's visit, a few points:\n- Tobias is on the depot clinic rota on Thursdays.\n"
    "- The flat is in good order.",
]


@pytest.mark.parametrize("text", UPDATE_AND_DUTY_TWINS)
def test_an_update_on_a_colleague_or_their_duty_names_no_patient(text: str) -> None:
    assert patients(text) == {}, text
