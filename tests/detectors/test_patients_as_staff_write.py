"""Patients named the way staff write them without a number (what a person has, where they
lie, a ward board, a record system's banner, a home written in prose, a pasted table), and
the records of no patient that look like them (a vet's, a teaching scenario's, a clinician's
CV, a place named for a person, a speaker's biography)."""

from __future__ import annotations

import pytest

from dlpgate.mime.text import name_as_words
from tests.detectors.test_health_terms import patients, terms

NAMED = [
    # what the person has, right after their name
    ("Mr Walter Example, 86, has dementia.", "name_age"),  # the age already names them: counted once
    ("Mr Walter Example has dementia.", "patient_name"),
    ("Walter Example has paranoid schizophrenia and was detained last week.", "patient_name"),
    ("Mrs Ivy Example has had a stroke.", "patient_name"),
    ("Mrs Ivy Example suffers from COPD and lives alone.", "patient_name"),
    # ... whoever they are: a member of staff named with their job, their own injury said plainly
    ("Short-term loan please: John Example (Porter, Estates) has a fractured ankle and needs a wheelchair.",
     "patient_name"),
    # where they lie in hospital, then what is wrong
    ("Please deliver a mattress for Mrs Kath Example on Ward 12, bed 6 - grade 3 pressure ulcer.", "patient_name"),
    ("> Quick one - Mr George Example, 74, bed 2, NSTEMI, angio booked Weds.", "name_age"),
    ("> Quick one - Mr George Example, bed 2, NSTEMI, angio booked Weds.", "patient_name"),
    # a ward board's rows, with the patient's age: titled, or (two of them) not
    ("Typed up the board:\nA1 - Mr Arthur Example (88) - CAP, for discharge\nA2 - Mrs Ivy Example 91F - fractured NOF",
     "name_age"),
    ("Board:\nA1 - Mr Arthur Example 88 - pneumonia, for discharge", "name_age"),
    ("Ward 7 bed 12 Mr Peter Example - NOF fracture, for theatre", "patient_name"),  # a bed's row: a titled name
    ("Mrs Patricia Example, 84, lives alone. Her dementia has got worse.", "name_age"),  # an age between commas
    ("Sarah Example in side room 3 on Ward 22 - C diff toxin positive", "patient_name"),
    ("Sarah Example on Ward 22 (Respiratory) - C diff toxin positive", "patient_name"),  # past the ward's name
    ("Monday:\n09:00 John Example 67 osteoarthritis review\n09:20 Peter Sample 55 knee osteoarthritis, new",
     "patient_name"),
    # a record system's banner: a sex or title between the name and the date of birth
    ("Mr Colin EXAMPLE (M) 14-May-1961 (64 y)\nProblems: Psoriasis, Depression", "dob"),
    ("EXAMPLE, Colin (Mr) 14-May-1961 depression", "dob"),
    ("Colin EXAMPLE 14.05.1961 - 3 months L5 radicular pain, ?disc prolapse", "dob"),  # a duration, not a period
    # a home written in prose: "at", "of", an age between the name and the street
    ("Access visit for Mr Dennis Example at 33 Ash Grove, Leeds LS6 1AZ. Peripheral neuropathy.", "name_address"),
    ("I am the safeguarding lead at the hospital. Mrs Ivy Example, 88, of 3 Church Walk, Leeds LS12 4NP, "
     "is an inpatient with advanced dementia.", "name_address"),
    # a table pasted from Excel: a Name column beside a clinical one
    ("Ward 28 handover\n\nBed\tName\tAge\tDiagnosis / plan\n1\tJoan Example\t87\tParkinson's, end of life\n"
     "2\tGeorge Sample\t74\tNSTEMI, angio Weds\n", "patient_name"),
    # aligned columns: spaces between the name and the age
    ("Outliers tonight:\nO'EXAMPLE, Sean   63M  alcoholic liver disease, ascites", "name_age"),
    # a role word in another sentence of the same paragraph (Outlook writes one line)
    ("Your dad Ron Example has now been told he has motor neurone disease. Consultant will explain more.",
     "patient_name"),
    ("Mrs Edna Example is on apixaban 2.5 mg bd after her stroke.", "patient_name"),
    # words of work in the same sentence are the patient's care or past, not a role
    ("Mr Stan Example, a retired miner, has severe COPD and lives alone at home.", "patient_name"),
    ("Mr Stan Example has COPD and has just finished a course of prednisolone; the Respiratory Team will review him.",
     "patient_name"),
    ("Darren Example is living with HIV and is due his bloods on Tuesday.", "patient_name"),
    # the name as an aside; a clinic named later in the sentence; whose patient they are
    ("Your partner, Chelsea Example, has been diagnosed with gonorrhoea at our clinic.", "patient_name"),
    ("Sam Example (formerly Samantha) is a patient of our gender identity service.", "patient_name"),
    ("Jane Example is known to the Community Mental Health Team.", "patient_name"),
    ("Darren Example was seen in our clinic last month and he's HIV positive.", "patient_name"),
    ("Your client Mr Lee Example (prison no. A7723DZ) has a diagnosis of paranoid schizophrenia.", "hospital_number"),
    ("Ryan Example, A&E no. 25/118834, attended with a head injury.", "hospital_number"),
    # what of theirs is spoken of; what happened to them, said without an auxiliary
    ("Mrs Beverley Example's MRI shows cauda equina compression at L5/S1.", "patient_name"),
    ("Sarah Example's diagnosis of breast cancer was confirmed.", "patient_name"),
    ("Gemma Example tested positive for measles today.", "patient_name"),
    ("Mrs Ivy Example tested positive for COVID, please move her to a side room.", "patient_name"),
    ("Handover:\nBay 1 Bed 1 - Mr Alan Example, 79 - CAP, IV antibiotics, DNACPR", "name_age"),
    ("Patient: Jane Example DOB 03/02/1950, seen by the Specialist Nurse for COPD.", "dob"),
    ("Joan Example was diagnosed last week with breast cancer.", "patient_name"),
    ("Mr Ray Example, who has Parkinson's, fell at home.", "patient_name"),
    ("Mr Leonard Example on AMU with an upper GI bleed, for OGD today.", "patient_name"),
    ("Mr George Example (Bed 14, Ward 7) is booked for MRI spine for suspected cord compression.", "patient_name"),
    # a bed holds one patient: its row names one, titled or not (a bay's row may be staff's)
    ("Board:\nBed 3 KOWALSKI, Jan - alcohol withdrawal, CIWA 4hrly, pabrinex", "patient_name"),
    # the person and, after "who", what happened to them
    ("I am writing about your mother, Mrs Edna Example, who was admitted to Ward 7 on Tuesday with a fractured "
     "neck of femur.", "patient_name"),
    # a table's Name column beside a clinical one (a medical history, a gestation)
    ("Name\tAge\tProcedure\tMedical history\nJayden Example\t4\tXLA x 8\tVSD repaired, on aspirin\n"
     "Hana Sample\t6\tXLA x 4\tHaemophilia A\n", "patient_name"),
    # "aged" and "(9 years)" after a patient's title
    ("Mrs Edna Example aged 92 has tested COVID positive this morning and has a chest infection.", "name_age"),
    ("Re: Master Leo Example (9 years), Moortown Primary School - he has autism.", "name_age"),
    # a hyphenated given name, as children's often are
    ("Lily-Mae Example (12/09/2019), Year 2, has been diagnosed with type 1 diabetes.", "dob"),
    ("Jean-Luc Example 11/06/1949 - admitted with community acquired pneumonia", "dob"),
    # "age" as well as "aged"
    ("Mrs Jean Example (age 79) was visited at home overnight with a urinary tract infection.", "name_age"),
    # a titled person called a patient in the sentence; what happened to them, or of theirs, a term itself
    ("Your patient Mrs Jean Example (age 79) was visited at home overnight with a urinary tract infection.", "patient_name"),
    ("The patient, Mrs Jean Example (age 79), was visited at home with a urinary tract infection.", "patient_name"),
    ("Patient Mr Terry Example is coming home today for end of life care (pancreatic cancer).", "patient_name"),
    ("Our patient Mrs Jane Example is coming in for her chemo on Friday.", "patient_name"),
    ("Mrs Brenda Example had a stroke yesterday.", "patient_name"),
    ("Mrs Aisha Example is 32 weeks pregnant with twins.", "patient_name"),
    ("Edith Example's leg ulcers are now infected.", "patient_name"),
    # a family name's particle, an apostrophe after its first letter; staff shorthand for a cancer
    ("Mr Dafydd ap Example has heart failure.", "patient_name"),
    # a titled person, and "her" or "his" right before a term later in the sentence
    ("Can you ring Mrs Ethel Example re her warfarin, INR 5.2.", "patient_name"),
    ("Mrs Ingrid van Example was admitted with a stroke.", "patient_name"),
    # two particles, a particle after the title alone, initials with full stops, a hyphen and an apostrophe
    ("Maria de la Example has paranoid schizophrenia.", "patient_name"),
    ("Peter van der Example has COPD and lives alone.", "patient_name"),
    ("Mr van der Example has COPD.", "patient_name"),
    ("Ring Mrs J. K. Example re her warfarin, INR 5.2", "patient_name"),
    ("Ring Mr D. Example re his warfarin, INR 5.2", "patient_name"),
    ("Mrs O'Example-Sample has dementia.", "patient_name"),
    # a doctor called a patient, then what happened to them
    ("Our patient Dr Amir Example was admitted with chest pain.", "patient_name"),
    ("Our patient Dr Malcolm Example (retired GP) has metastatic prostate cancer.", "patient_name"),
    ("Mrs Peggy D'Example has AKI.", "patient_name"),
    ("Harry Example (12.3.48) died at home last night, known lung ca, expected.", "dob"),
    # whom a removal centre's or a patient transport booking's form is of; a prison's number
    ("Detainee: Samuel Example\nHome Office ref: T1184467\nHe reports PTSD and suicidal thoughts.", "patient_name"),
    ("Passenger: Mrs Edith Example\nPick up: Ward 9\nEnd of life, DNACPR in place.", "patient_name"),
    ("Name: Craig EXAMPLE   NOMIS: A4471DX\nMethadone 60 mg daily, hepatitis C.", "hospital_number"),
    # a relative named by title or given name, their health and care said after
    ("I am writing about your father, Mr Albert Example, on Ward 5. His pneumonia has improved but he has "
     "developed delirium.", "patient_name"),
    # Welsh and Gaelic labels and terms
    ("Claf: Gareth Example\nRhif ysbyty: W1234567\nCyflwr: canser y coluddyn", "hospital_number"),
    ("Annwyl Mr Example,\nDyddiad geni: 03/04/1961\nMae eich canlyniadau gwaed yn dangos bod gennych glefyd melys.",
     "dob"),
    ("Ainm: Dòmhnall Example\nCeann-latha breith: 21/11/1958\nTha aillse a' phrostáit ort.", "dob"),
    # a register's column headed as patients', its table drawn with bars
    ("Controlled drug register - morphine sulfate 10 mg/ml injection\n\nDate | Name & address of patient | "
     "Prescriber | Qty\n02/12/2026 | Mrs Eileen Example, 4 Rook Close, Poole BH15 2XX | Dr A Shah | 2\n",
     "patient_name"),
    # a form's label and value cells, beside a clinical field
    ("Name\tMrs Winifred Example\nAddress\t3 Chapel Fold, Leeds LS13 3JA\nCondition\tHeart failure with "
     "breathlessness at rest", "patient_name"),
    # a letter's subject line, then the subject spoken of as he or she
    ("Re: Mr Daniel Example, 42 Wharfe View, Otley LS21 1PQ\n\nHe has epilepsy and had two seizures last month.",
     "name_address"),
    # ... or after an untitled name, in a sentence about their care
    ("Margaret Example, 84, was found on the floor at home last night and has a fractured neck of femur. "
     "She is on ward 7.", "name_age"),
    ("We saw Daniel Example aged 42 today with a first seizure; please arrange an MRI head and EEG.", "name_age"),
    # a care home's resident by their room and given name
    ("Room 12, Doris - stop alendronic acid (10 yrs treatment), frailty\n"
     "Room 4, Stanley - stop simvastatin and aspirin, frailty", "patient_name"),
    # a prisoner's or a pupil's label
    ("Prisoner: HAYWOOD, Craig   No. A4471CK   Wing: C\nEscort for chemotherapy for oesophageal cancer.",
     "patient_name"),
    # a contact card's birthday
    ("N:Example;Joan;;Mrs;\nFN:Mrs Joan Example\nBDAY:1938-09-19\nNOTE:Frailty virtual ward. Vascular dementia, "
     "DNACPR in place", "dob"),
    # a title and a given name's initial
    ("Mr O Strand 14/08/1977 - MRI brain and whole spine, multiple sclerosis", "dob"),
    ("J. Doughty (12.3.61) - PSA 48, prostate cancer, for urgent urology OPD", "dob"),
    ("Mrs J. K. Example (67) - new breast cancer", "name_age"),
    # a community or mental health record's client
    ("Client ID: 1093375\nName: Daniel Example\n\nDaniel has a diagnosis of paranoid schizophrenia.",
     "hospital_number"),
    # a letter to the patient at home: the address block, then what the letter says to them
    ("Ms Jessica Example\nFlat 2, 17 Harehills Lane\nLeeds\nLS8 4HG\n\n3 November 2026\n\nDear Ms Example,\n\n"
     "You did not attend your appointment at the Colposcopy Clinic on 28 October. Your recent cervical screening "
     "showed high-grade dyskaryosis and it is important that you are seen.", "name_address"),
    ("Private & Confidential\nMr Christopher Example\n31 Wetherby Road\nHarrogate\nHG2 7TA\nDear Mr Example,\n"
     "Following your recent endoscopy, the biopsies have confirmed Barrett's oesophagus with low grade dysplasia.",
     "name_address"),
    # an untitled full name as the subject of a verb of care; what is wrong said after it, or of
    # him or her in the next sentence; a given name alone when the text named them in full
    ("Callum Example was seen by the crisis team last night after he took an overdose of paracetamol.",
     "patient_name"),
    ("Lee Example has attended 5 of 6 keywork sessions this month. He is now stable on buprenorphine 16mg.",
     "patient_name"),
    ("Chloe Example (student no. 21034567) has asked us for evidence. I can confirm that Chloe was diagnosed "
     "with ADHD in March.", "patient_name"),
    # an untitled name and age, where they lie as its own sentence; detained; an intro line's care
    ("Paddy - update. Eileen Example, 88, on Ward 24 bed 6. Hip X-ray confirmed fractured NOF.", "name_age"),
    ("Violet Example, 84, on our caseload, venous leg ulcer L gaiter, 12 months not healing.", "name_age"),
    ("Bed request:\nSophie Example, 24, detained under s2 MHA today\nDiagnosis: EUPD", "name_age"),
    ("A summary for Mrs Priya Example, 37, who is transferring to you:\n\nAMH 4.2 pmol/l\nHysteroscopy normal",
     "name_age"),
    # ... the object of care a service, a registrar, a panel of funders, a drug's programme; a
    # member of staff's own health (occupational health's care is health data too)
    ("Kelly Example was seen by occupational health on 2 June following the needlestick injury on Ward 9. "
     "She was started on post-exposure prophylaxis for HIV.", "patient_name"),
    ("Sarah Example was reviewed by the medical registrar. She presented with sepsis and a raised lactate.",
     "patient_name"),
    ("Sophie Example was reviewed by the IFR panel, who approved pembrolizumab for her melanoma.", "patient_name"),
    ("Lee Example is now stable on the methadone programme. He still uses heroin at weekends.", "patient_name"),
    ("Jane Example is now stable on induction chemotherapy. She has acute myeloid leukaemia.", "patient_name"),
    ("Mrs Ann Example was assessed by the trusted assessor on Ward 3. She has advanced dementia and needs two "
     "carers.", "patient_name"),
    # years on a ward are a patient's weeks there
    ("Mrs Kath Example on Ward 12 for 3 weeks - grade 3 pressure ulcer.", "patient_name"),
    # a form of a person: an insurer's member fields, an assessment's name and address
    ("Member name: Gareth Llywelyn Example\nMembership no: 7B44120Q\nProcedure: Colonoscopy +/- biopsy",
     "patient_name"),
    ("CRISIS ASSESSMENT\nName: Bethany Example\nAddress: 56 Harrow Lane, Stockport\n"
     "Presenting: thoughts of suicide with plan", "patient_name"),
    # a record number without its label beside a name
    ("Piotr Example RXX482913 - CTPA this morning confirms bilateral pulmonary emboli.", "patient_name"),
    ("K123456 - Faisal Example - colonoscopy Sat list", "patient_name"),
    ("Cases for Friday's lung MDT:\n\nKwame Example RXX559012 - CT CAP shows 4 cm RUL mass, ?lymphoma\n"
     "Iris Example RXX559013 - PET positive mediastinal nodes, EBUS booked\n", "patient_name"),
    ("Dan Example K123456 - completing a course of IV antibiotics for cellulitis", "patient_name"),
    ("Dan Example K123456 - passed away on Ward 3, sepsis", "patient_name"),
    # a date of birth on a form without a candidate's marks
    ("Name: Ashley Example\nDOB: 03/09/1955\nImpression: ?sepsis, started on IV antibiotics", "dob"),
    # a Welsh street's type first, in a letter's address block
    ("Mrs Glenys Example\n14 Heol Las\nBridgend CF31 2PL\n\nDear Dr Sample\n\nI saw Mrs Example in clinic "
     "today. She has severe osteoarthritis of the right knee.", "name_address"),
    # the person named in one sentence, their health said of "he" or "she" in the next or the one after
    ("Just to let you know Edna Example is fit for discharge and transport is booked for tomorrow.\n\n"
     "She was treated for a urinary tract infection and delirium.", "patient_name"),
    ("I'd be grateful if you could see Daniel Example privately as he is keen to avoid our waiting list. He has had"
     " three episodes of acute pancreatitis since January.", "patient_name"),
    ("Leah Example attended today. She is 12 weeks pregnant and has hyperemesis gravidarum.", "patient_name"),
    ("Could you review Mr Kofi Example on Friday? His daughter will bring him. He's already had a GI bleed on"
     " warfarin.", "patient_name"),
    ("Thanks for taking Rebecca Example on. They have been diagnosed with anorexia nervosa.", "patient_name"),
    # a condition said as what the person is; the passive of care, perfect or bare
    ("Arthur Example is diabetic and epileptic, and is now on twice-daily insulin.", "patient_name"),
    ("His partner Graham Example is HIV positive, so please take care with sharps.", "patient_name"),
    ("Priya Example is schizophrenic and lives alone.", "patient_name"),
    ("Sam Example is asthmatic, inhaler in his bag.", "patient_name"),
    ("Tom Example has been sectioned under the Mental Health Act and will miss his exams.", "patient_name"),
    ("Mrs Ivy Example has been hospitalised with pneumonia.", "patient_name"),
    ("David Example was diagnosed last spring and started on chemotherapy.", "patient_name"),
    # an untitled name's age does not hide what happened to them after it
    ("Harold Example, 72, came in overnight, fast AF rate 160s, troponin 450 -> 1210.", "patient_name"),
    ("Chloe Example (14) attended the Children's ED on Saturday after an overdose of paracetamol.", "patient_name"),
    ("Ben Example (7) attended the paediatric ED with an asthma attack.", "patient_name"),
    # the health before the name, owned by "his" or "her" in the sentence's opening clause
    ("Following her hip fracture in May, Mrs Olwen Example still needs a frame to walk.", "patient_name"),
    # a note's label before a name-led line; a note's shorthand and figures between name and term
    ("Medication review: Mrs Agnes Example - stop ramipril (cough), start losartan 25mg.", "patient_name"),
    ("pt Del Example c/o shortness of breath, hx of asthma.", "patient_name"),
    ("Mr Example - BP 172/96, started amlodipine 5mg, review in 2/52.", "patient_name"),
    # a family name, the given name in brackets; a course of treatment, no course of study
    ("Mrs Shah (Priya) has had a course of antibiotics for a chest infection.", "patient_name"),
    # the person cared for, then a sentence led by "Her" about them
    ("I'm the district nurse visiting Mrs Example. Her pain is not controlled on the current morphine.",
     "patient_name"),
    # moved from a ward, discharged or transferred with their care
    ("Mrs Example from Ward 4 is being discharged to us tomorrow on IV antibiotics.", "patient_name"),
    ("Mr Leon Example is on ward 6. He is being discharged tomorrow with a new colostomy.", "patient_name"),
    # the person named by their care after their "'s", then "he" or "she"
    ("Can we move Mr Example's B12 injection? He is on chemo this week.", "patient_name"),
    # short and Welsh given names
    ("Bronwen Example had a seizure in the waiting room.", "patient_name"),
    ("Mo Example was admitted last night with pneumonia.", "patient_name"),
    # Irish, Welsh and Scottish given names, as the four nations' records write them
    ("Olwen Example is 6/52 post L total knee replacement, still on crutches.", "patient_name"),
    ("Diarmuid Example was admitted last night with pneumonia.", "patient_name"),
    ("Siobhan Example had a seizure in the waiting room.", "patient_name"),
    ("Rhodri Example has been started on insulin for his diabetes.", "patient_name"),
    ("Seonaid Example attended the clinic with a new lump in her breast.", "patient_name"),
    # a given name tied to a care home's room, what they have right after it
    ("Stan in room 3 has had a TIA.", "patient_name"),
    ("fyi ade in rm 9 has a grade 3 pressure sore on his sacrum, datix done", "patient_name"),  # typed in lower case
    # ... or the room first, a list's rows typed in lower case (a long row is no hard wrap of the next)
    # a given name alone and the trade by which a neighbourhood knows them
    ("Fine for Kev the window cleaner to go back up ladders next month - he's 8 weeks post hip replacement and"
     " still on crutches.", "patient_name"),
    ("Bev the lollipop lady had a stroke last week and is in the stroke unit.", "patient_name"),
    ("Night cover notes:\nroom 4 elsie - fell on saturday, bruised hip, obs fine, on amoxicillin for a chest"
     " infection, needs encouragement with food\nroom 9 walter - PEG fed overnight, nil by mouth\n", "patient_name"),
    # a label's word before its colon is no title ("School nurse update:"); "Sample" a family name
    ("School nurse update: Ellie Sample in Year 9 has been self-harming.", "patient_name"),
    ("Orla Example, aged 19, attended the drug and alcohol service today.", "patient_name"),
    # a place they went with a business's word ("dental", "pharmacy") after a verb, no business named for them
    ("Mrs Nia Example went to the dental hospital with a facial abscess and was started on metronidazole.",
     "patient_name"),
    ("Mr Ravi Sample came into the pharmacy with chest pain and was sent to A&E.", "patient_name"),
    # a West African given name the list lacked, then an age
    ("Kunle Example, 6 yrs, temp 38.8, barking cough, booked to see the GP at 4pm.", "name_age"),
    # a handover's line: a titled name, a care home's room, a separator, what is wrong first
    ("Night report:\n- Mrs Sample rm 9: temp 38.4, new confusion, MSU sent", "patient_name"),
    # named after the colon of a line that counts them with their condition
    ("Two patients with norovirus since last night: Mr Example (bed 3) and Mrs Sample (bed 7). Bay closed.",
     "patient_name"),
]


# A titled full name alone on its line, a heading (a SmartArt diagram's first node, a
# summary's title), over lines that say what happened to them: their timeline is theirs.
HEADED = [
    "Care pathway summary\nMr Emeka Example-Reid\nMar 2023: diagnosed relapsing-remitting MS\n"
    "Jun 2023: started ocrelizumab\nJan 2024: optic neuritis relapse\nApr 2024: wheelchair assessment\n",
    "Mrs Joan Example\n2019: diagnosed type 2 diabetes\n2021: started insulin\n2023: retinopathy found at screening\n",
    "Ms Aisha Example:\n- depression since 2018\n- admitted to psychiatric ward May 2022\n- now on sertraline 100mg\n",
    "Timeline\n\nMr Colin Example\nFeb 2022: chest pain, NSTEMI\nMar 2022: CABG\n",
]
# ... and names over lines that are no patient's: a member of staff's page, a consultant's
# clinic list, a team's list, a speaker's story, an org chart's staff.
HEADED_NOT_PATIENTS = [
    "Mr Raj Example\nConsultant Orthopaedic Surgeon\nSpecial interests: hip and knee arthroplasty, revision surgery\n"
    "Joined the trust in 2012\n",
    "Mrs Helen Example\nHelen qualified as a nurse in 1998 and has worked in diabetes care since 2005.\n"
    "She started the insulin pump service and leads the type 1 diabetes education programme.\n",
    "Mr Daniel Example\nTuesday AM\n09:00 hip OA review\n09:20 knee replacement follow-up\n09:40 NOF fracture clinic\n",
    "Mr Daniel Example\nLeft THR for osteoarthritis\nRight TKR revision\nArthroscopy knee\n",
    "Consultants:\nMr Daniel Example\nMS clinic, diagnosed new patients\nstarted the ocrelizumab service\n",
    "Mr Tom Example\nDiagnosed with MS in 2019, Tom is our keynote speaker.\n"
    "He started running marathons after his diagnosis of multiple sclerosis to raise money.\n",
    "Sexual Health & HIV - team structure\nDr Amara Example - Clinical Director, HIV Medicine\n"
    "Sister Claire Example - Lead Nurse, HIV services\n",
    "Mrs Helen Example\n2005: Staff Nurse, Ward 7 (stroke)\n2012: Diabetes Specialist Nurse, started pump clinic\n",
]


# A heading that names one person and their age (a slide's title, a summary's heading), the
# lines under it their care; a member of staff's, a speaker's or a fundraiser's are not.
HEADED_WITH_AGE = [
    "Mrs Joan Example, 78\nInsulin: Humulin I 14 units at 08:00\nRight leg venous ulcer - redress Mon/Wed/Fri\n"
    "Early Alzheimer's - prompt with meals\nMr Leonard Example, 83\nParkinson's - Sinemet 4 times daily\n",
    "Case 2: Mr Harold Example, 67\nPresented with haemoptysis and weight loss\nCT: 4cm right upper lobe mass\n"
    "Biopsy: squamous cell carcinoma, T2bN1M0\n",
    "New clients\n\nJoan Example, 78\nType 2 diabetes on insulin, leg ulcer dressings Mon/Wed/Fri\n",
    "Mr Harold Example 67M\n\nPresented with haemoptysis, squamous cell carcinoma of the lung\n",
]
HEADED_WITH_AGE_NOT_PATIENTS = [
    "Our speakers\n\nDr Harold Example, 67\nConsultant in respiratory medicine, lung cancer lead\n",
    "Our speakers\n\nMrs Jane Example, 45\nDiabetes specialist nurse with 20 years in diabetes care\n",
    "Meet the team\n\nJane Example, 45\nJane has run the heart failure clinic since 2010 and said she loves it.\n",
    "Fundraisers of the month\n\nMr Tom Example, 67\nCompleted the London Marathon for Diabetes UK\n",
    "Mrs Joan Example, 58\nChair, Parkinson's UK local branch\n",
]


@pytest.mark.parametrize("text", HEADED_WITH_AGE)
def test_a_name_and_age_heading_the_lines_of_their_care(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", HEADED_WITH_AGE_NOT_PATIENTS)
def test_a_name_and_age_heading_no_patients_lines(text: str) -> None:
    assert patients(text) == {}, text


@pytest.mark.parametrize("text", HEADED)
def test_a_name_heading_a_list_of_their_health_owns_it(text: str) -> None:
    assert "patient_name" in patients(text), text


@pytest.mark.parametrize("text", HEADED_NOT_PATIENTS)
def test_a_name_heading_no_patients_list_is_no_patient(text: str) -> None:
    assert patients(text) == {}, text


@pytest.mark.parametrize(("text", "category"), NAMED)
def test_a_patient_named_as_staff_write_them(text: str, category: str) -> None:
    assert category in patients(text), text


# Health in a note's shorthand, with who it is about: a query diagnosis after initials and a
# date of birth, a named person's obs, sats, wound, catheter or care plan. Counted as health terms too, so
# the mail is held.
SHORTHAND = [
    ("JP 12/03/1948 - ?PE", "dob"),
    ("pt JP 12/03/1948 ?ACS, troponin sent", "dob"),
    ("pt AB (DOB 01.02.1950) CXR shows consolidation", "dob"),
    ("Mrs Khan's obs were stable, sats 92% on air", "patient_name"),
    ("Mrs J. K. Example's obs were stable overnight.", "patient_name"),
    ("Mr D. Example's catheter was changed today and his wound is clean.", "patient_name"),
    ("Please update Winifred Example's care plan - she now needs two carers for all transfers.", "patient_name"),
    ("Joan Example's obs are NEWS 7 at 14:00, sats 89% on air. GP please visit.", "patient_name"),
    # what they take or use for their care, after their "'s"
    ("Mr Example's commode needs swapping for a bariatric one, it is too narrow for him now.", "patient_name"),
    ("Mrs Sample's walking frame has a broken wheel, physio to replace it.", "patient_name"),
    # a handover's patients by initials (each their own date), one patient on two lines
    ("For tonight:\n\nJP 12/03/1948 - ?PE, CTPA requested, on treatment dose enoxaparin\n"
     "MK 30/07/1952 - ?sepsis, cultures sent, on tazocin\n", "dob"),
    ("JP 12/03/1948 - ?PE, CTPA requested\nJP 12/03/1948 - on treatment dose enoxaparin for the PE", "dob"),
]


@pytest.mark.parametrize(("text", "category"), SHORTHAND)
def test_health_in_shorthand_with_whom_it_is_about(text: str, category: str) -> None:
    assert category in patients(text), text
    assert terms(text), text


SHORTHAND_TWINS = [
    "JP 12/03/2026 - agenda for the ?PE teaching",  # a meeting's date, not a birth
    "JP 12/03/1948 - agenda",  # no health on the line
    "GP 12/03/1948 - ?PE",  # a department's letters
    "Mrs Khan's leaving do is on Friday",
    "Dr Example's obs teaching is on Friday; sats probes are in the cupboard.",
    "Consultant Mr Example's wound care audit is due.",
    "Sarah Example's wound care training is on Friday.",
    "Jane Example's obs station in the OSCE went well.",
    "Case study for the e-learning module: Minnie Mouse's care plan does not mention falls.",  # a dummy's
    "Is that OK? ?TBC, see page?ID=5",
    # initials and old dates: a document's history, one person's CPD log, an asset's service log
    "JP 12/03/2008 - First issue of adult sepsis guideline\nKL 04/11/2009 - Revised antibiotic choices for "
    "neutropenic sepsis\nJP 19/06/2024 - Aligned with NICE NG51 update\n",
    "My CPD entries:\n\nKH 14/02/2009 - Paediatric immediate life support (PILS)\nKH 22/09/2010 - Neonatal life "
    "support, newborn resuscitation\nKH 05/05/2011 - Safeguarding children level 3\n",
    "GH 12.06.2004 - installed, ward 9 cardiac arrest trolley\nGH 03.07.2007 - battery replaced; pads for AED use "
    "checked\nMT 11.01.2010 - firmware update (ECG rhythm analysis)\n",
    # a member of staff's project named by its word of care
    "Claire Example's catheter trial summary from Ward 5 is below - she thinks it will cut CAUTI rates. "
    "Ian Example's wound dressing evaluation (silicone foam) is due next month.",
    # the criteria, guidance or patients of a surgeon's service (UK surgeons are titled Mr, Miss, Ms)
    "Mr Example's referral criteria for bariatric surgery have changed: BMI 40+, or 35+ with type 2 diabetes.",
    "Miss Example's referral protocol for hysterectomy needs a recent ultrasound.",
    "Mr Example's surgery patients with type 2 diabetes need an HbA1c under 75.",
    "Dr Example's oxygen training is on Tuesday; the inhaler technique sessions follow.",
    "Mr Example's inhaler technique session is on Friday for the asthma nurses.",
]


@pytest.mark.parametrize("text", SHORTHAND_TWINS)
def test_shorthand_twins_name_no_patients_health(text: str) -> None:
    assert not patients(text) or not terms(text), text


NOT_PATIENTS = [
    # a vet's record
    "Patient: Bella Example\nSpecies: Canine (Labrador retriever), Female neutered\nDOB: 01/03/2018\n"
    "Owner: Mrs Sandra Example\nDiagnosis: Diabetes mellitus, diagnosed 03/11/2026.",
    # a teaching scenario
    "OSCE station 6. Candidate instructions: You are the FY1 in ED. Mr John Example, 58, has come in with chest pain.",
    # a clinician's CV: a register's number and a CV's sections around the date of birth
    "Name: Dr Kwame Example\nGMC: 7123456\nDate of birth: 11/02/1985\nSpecialty: Emergency Medicine\n"
    "Experience: 6 years UK ED; competent in managing sepsis, stroke thrombolysis, major trauma.",
    # places named for people, under a patients' list's introduction
    "Residents for vaccination on Tuesday:\nAshley Grange Care Home, 4 Grange Road, Leeds LS16 8AA\n"
    "All residents aged 65 and over with diabetes, COPD or heart failure.",
    "Patients for the diabetes clinic on Tuesday:\nFlorence Nightingale Wing, ground floor\nBring insulin charts.",
    # students' placements and volunteers' checks: their dates of birth, wards named for illnesses
    "Volunteer\tDOB\tDBS issued\tRole\tArea\nMargaret Example\t02/03/1951\t11/01/2024\tWard befriender\t"
    "Dementia Care Ward 24\nTariq Example\t17/10/2001\t20/02/2024\tMeet & greet\tCancer Centre reception\n",
    # new starters for vetting, each with a job title after a dash
    "Please process security vetting for our new starters in the healthcare unit:\n\n"
    "Nathan Example, DOB 30/08/1992 - Mental Health Nurse\nKayla Example, DOB 21/02/1996 - Pharmacy Technician\n",
    # a relative named in mail about their work, an application, a fun run
    "Thank you for your email about your daughter Anya's application for the nursing course. She has a strong "
    "interest in mental health and learning disability nursing.",
    "Your son Oliver did really well at the diabetes awareness fun run. He has raised 300 pounds for the appeal.",
    # an expense claim's claimant is a member of staff
    "Claimant: Rachel Example, 18 Primrose Hill, Otley LS21 1QQ\nAssignment: 22041187 - Community Mental Health "
    "Nurse, Band 6\nJourneys: home visits to service users, depot clinic",
    # an untitled name and an age in a story: an appointment, an obituary, a shortlist
    "We are pleased to announce that Sarah Example, 45, has been appointed clinical lead for stroke services.",
    "It is with great sadness that we share that Robert Example, 67, former chief executive, died last week "
    "after a short illness with cancer.",
    "The shortlisted candidate Emma Example, 34, has ten years of experience in diabetes nursing.",
    "Brian Example, 72, our former head porter, died peacefully at the hospice after an illness with cancer. "
    "Brian was seen by so many of us as the heart of the place.",
    "Liam Example, 24, was stretchered off in the second half with a suspected broken ankle and was seen in A&E.",
    # a doctor who sees patients, or whom a patient saw
    "Dr Ahmed, consultant cardiologist, will see chest pain referrals.",
    "The patient Dr Example referred has chest pain.",
    "Consultants:\nDr A Example | Cardiology | chest pain clinic\nDr B Sample | Respiratory medicine | COPD\n",
    # what a clinician or a team has
    "Dr Amir Example has an interest in diabetes and runs the clinic.",
    "Jane Example has diabetes clinic on Tuesdays.",
    # a speaker's or a supporter's own story, told with their public role
    "Luke Example has lived with Crohn's disease for 20 years and is a trustee of the charity.",
    # a list of representatives: the condition is not theirs
    "Patient representatives:\n2. Mrs Gillian Example - carer for her late husband (dementia), Falls Steering Group",
    # a staff table with a ward column, and a Name column with no clinical column
    "Staff name\tWard\tBand\tCourse\nAmy Example\tWard 28\t5\tSepsis Recognition\n",
    "Name\tRole\tPhone\nJoan Example\tDiabetes Specialist Nurse\t0113 496 0000\nGeorge Sample\tWard Clerk\t0113 496 0001\n",
    # agendas, rotas, programmes, allocations: rows of staff, no ages
    "1. Introduction and apologies\n2. Diabetes strategy update\n3. Jane Example - stroke network report",
    "Rota:\n09:00 Jane Example - diabetes clinic\n10:00 John Sample - asthma clinic",
    "Allocation:\nBay 1 - Amy Example - stroke rehab beds 1-6\nBay 2 - Tom Sample - dementia bay, 1:1 in bed 9",
    "Theatres:\n08:30 Mr Ahmed Example - fractured NOF list, Theatre 3",
    "Programme:\n09:30 Wendy Example - Living with dementia: my story\n10:15 Chris Sample - Young onset dementia",
    "Room bookings:\n09:00 Sarah Example 30 min slots - diabetic foot screening\n10:00 Jo Sample 20 min slots - asthma",
    # what is a topic, not the person's illness; what the person did
    "Amy Example has a diabetes specialist interest and completed the module.",
    "Mr Ahmed Example has the hip fracture list on Tuesday so cannot do your clinic.",
    "Amy Example has shared \"Sepsis audit Q3\" with you.",
    "Jane Example has registered for the Dementia Friends information session.",
    "Jenny Example has a passion for dementia care that began when she worked as an HCA.",
    "Dr Jane Example is known to the diabetes team.",
    "Bay 1 - Sister Amy Example - stroke rehab beds 1-6",
    "Dr Jane Example's talk on diabetes was great.",
    # a colleague's absence told to cover a rota; "known to ... as a" role
    "Dave Example tested positive for COVID this morning so won't be in for his nights Thursday to Saturday.",
    "Lynn Example is known to the team as a great mentor: every student nurse on our diabetes ward asks for her.",
    # staff dates of birth: a professional title, a job after the date, a student number
    "Please book flights for the ESC heart failure congress:\nDr Andrew Example, DOB 02/11/1970, passport as on file",
    "Extension for Wei Example, DOB 23/04/1990, Specialty Doctor in Endocrinology (diabetes and thyroid clinics).",
    "Chloe Example (student no. 77123456, DOB 12/03/2003) has passed her oncology placement.",
    # a form's example row: a placeholder name and a date of birth no one living has
    "EXAMPLE (delete before use): Name: Joe Bloggs   DOB: 01/01/1900   Ward: X   Diagnosis: e.g. pneumonia",
    "Mrs Joan Example, 84, from Leeds, ran the marathon for Diabetes UK.",
    # a public voice about their own condition
    "Public Governor Brian Example has type 1 diabetes and will speak about his experience at the AGM.",
    # an employee's record with a record system's banner
    "Please provide a retirement estimate:\nFROST, Colin (Mr) 14/05/1961\nAssignment: Band 6 Diabetes Specialist Nurse\n"
    "Proposed retirement date: 31/03/2026",
    # a member of staff's date of birth: their register's number or their job title beside it, their record's fields
    "Sister Joan Example, Practice Nurse (diabetes, asthma and COPD reviews), NMC 96I1234E, DOB 08/01/1968",
    "To help you identify her: Leanne Example, Community Staff Nurse, date of birth 22/07/1990, employed from 2018.\n"
    "She is applying for our Diabetes Specialist Nurse post.",
    "Name: Mrs Barbara Example   DOB: 14/11/1961   NI: QQ 12 34 56 B   Scheme ref: 1199882A\n"
    "Post: Sister (Band 7), Ward 14 Gastroenterology & Endoscopy Unit.",
    # a simulation day's scenarios, a vet's reminder
    "Scenarios for the FY1 sim day (manikins booked):\n\nScenario\tName\tAge\tPresenting complaint\n"
    "1\tArthur Example\t72\tChest pain\n2\tMaisie Sample\t19\tDKA\n",
    "Bella Example (Labrador) has diabetes check and fructosamine booked with Emma Example MRCVS.",
    # a period of service, not a birth
    "Jane Example (01/04/2018 - 31/03/2023) diabetes nurse",
    # an agency's invoice lines and a service desk's calls: staff on a ward named for its specialty
    "6497843447 Wei Khan RGN ITU Ward 7 (Oncology) 15/11/2026 19:30-08:00 12.5 751.92\n"
    "6497843455 Mohammed Example RGN ITU ICU 16/11/2026 19:30-08:00 7.5 327.93\n",
    "INC903536,2026-11-20 20:57,Chidi Example,Ward 7 (Oncology),WS-CLIN-6425,Wristband printer not printing,P3,Open\n",
    # a record system's test patients, in a training guide and an interface test
    "Patient: ZZTEST, Donald\nHospital No: RXX1234567\nDOB: 01/01/1970\nDiagnosis: type 2 diabetes\n",
    "Patient: Test Patient\nDOB: 01/01/1980\nAllergies: penicillin\n",
    # ... as rows: a test script's, an HL7 test message's, a dummy extract's cartoon names, a training unit's
    "Step\tTest patient\tDOB\tAction\n1\tXXTEST, Patient01\t01/01/1901\tRecord allergy penicillin\n"
    "2\tXXTEST, Patient02\t02/01/1901\tPrescribe amoxicillin for pneumonia\n",
    "PID|1||TEST0001^^^EHT^MR||ZZZTEST^PATIENT^ONE||19000101|M\nDG1|1||I50.0^Congestive heart failure\n",
    "patient_name,dob,diagnosis\nMickey Mouse,01/01/1928,Type 2 diabetes\nMinnie Mouse,01/01/1928,Hypertension\n"
    "Daisy Duck,07/01/1940,COPD\n",
    "Scenario 2 - Mrs Test Aac, DOB 02 Feb 1960: add amlodipine for hypertension.\n"
    "Scenario 3 - Mr Test Aad, DOB 03 Mar 1950: diabetic review.\n",
    # a contractor's, a volunteer's or a member of staff's date of birth beside a unit's name
    "Site pass for your operative Gary Example (DOB 10/10/1970) to work in the Oncology Day Unit from 10/11.",
    "Thank you for volunteering as a meet-and-greet volunteer. Name: John Example, Date of birth: 03/03/1955 - "
    "please bring photo ID to induction on 20/11 at the Memory Clinic.",
    "Member: Dr Sarah Example\nDate of birth: 12/03/1971\nDepartment: GUM Clinic / HIV Services\nBand: Consultant",
    # a clinician's register number in the date of birth's block; a pension beside it
    "For the ID check before his first shift at the Centre for Sexual Health:\n\nDr Kenneth Example\n"
    "DOB 14/06/1958\nGMC 7012345\n",
    "RE: Sian Example DOB 04/07/1955 - pension estimate\nSian is a Band 7 Sister on the Oncology Day Unit.",
    # a training certificate: the trainee's date of birth beside their staff number and the course
    "Certificate of Completion\nThis is to certify that\nJOANNA EXAMPLE\nDate of birth: 02/05/1990\n"
    "Staff number: 20331876\nhas successfully completed\nSAFEGUARDING ADULTS AND CHILDREN - LEVEL 3\n",
    # a titled member of staff's talk, clinic and team
    "Thanks to Mrs Jane Example for her diabetes talk last week.",
    "Mrs Jane Example will cover her diabetes clinic on Friday.",
    # a reference's author and year
    "See J. Example (2019) on prostate cancer screening.",
    # a room's staff and what the room is for
    "Room 3 Amy - diabetes clinic\nRoom 4 Tom - asthma clinic",
    # "aged" in a fundraiser's story, without a title or with one
    "John Example, aged 67, from Leeds, ran the marathon for Diabetes UK.",
    # a directory's phone number under a record's label; a supplier's client number
    "Entry: Example Teaching Hospitals, Sexual Health Clinic\nHospital number: 0113 243 3144\nOpening: Mon-Fri",
    "Client ID: 1093375\nSite: Mental Health Unit\nInvoice for clinical waste collection - please correct the VAT.",
    # a letter to a member of staff or a supporter at home: their role, a ward's or a team's name
    "Mr Christopher Example\n31 Wetherby Road\nHarrogate\nHG2 7TA\n\nDear Mr Example,\n\nI am pleased to offer "
    "you the post of Diabetes Specialist Nurse in the Community Diabetes Team.",
    "Mrs Joan Example\n4 Elm Grove\nLeeds\nLS6 2AB\n\nDear Mrs Example,\n\nThank you for your generous donation "
    "to the Stroke Unit in memory of your husband.",
    # the harmless twins of a verb of care, a name and age, a form and a record number
    "Callum Example was seen by the panel for his promotion.",
    "Lee Example has attended the sepsis training.",
    "Lee Example has attended 5 of 6 sessions. He is off sick with stress so won't be in for his nights.",
    "Dr Chloe Example presented our audit. Chloe was diagnosed with ADHD herself and spoke about it.",
    "Eileen Example, 58, joins the board as non-executive director.",
    "Violet Example, 44, district nurse on our caseload team, leads the leg ulcer clinic training.",
    "A summary for Mrs Priya Example, 37, who is joining us as a director:\n\nBoard papers\nDiabetes strategy",
    "Name: Bethany Example\nAddress: 56 Harrow Lane, Stockport\nOrder: 40 boxes of gloves for the diabetes clinic",
    "Name: Bethany Example\nPresenting: thoughts of suicide with plan",  # a care field without the person's home
    "Member name: Gareth Example\nMembership no: 7B44120Q\nPlan: Gold, includes cancer cover",
    "Order no: PO1234567 - John Example - 40 boxes of insulin pen needles",
    "INV0012345 - John Example - diabetes clinic consumables",
    "Piotr Example E1234567 - Diabetes Specialist Nurse, Community Diabetes Team",
    # a verb of care whose object is none (an appraisal, an examiner, a module, a preceptorship,
    # a royal visitor, a meeting observed), or followed by what the person did
    "Sarah Example was reviewed by the appraisal panel on Tuesday. She presented her re-audit of sepsis six "
    "compliance in ED.",
    "Liam Example was assessed by Dr Begum and myself. He missed the ST elevation in the inferior leads and did "
    "not consider aortic dissection.",
    "Sophie Example has attended all five lung cancer MDT meetings as an observer.",
    "Bernard Example was seen by the Princess Royal at the opening of the new dialysis centre. He pioneered home "
    "haemodialysis in the region.",
    "Leah Example is now stable on the ICU preceptorship programme after a slow start. She leads the morning "
    "sepsis huddles.",
    "Records show Leon Example has attended the paediatric sepsis module. He still needs the neutropenic sepsis "
    "e-learning.",
    # a staff, certificate, booking or student number beside a name: training, courses, placements
    "For your agency compliance file:\n\nJoanne Example RA123456 - CT head reporting (post-grad cert), signed off",
    "The following bank workers are overdue:\n\nKaren Example E1234567 - Sepsis recognition (NEWS2) e-learning "
    "overdue\nPaul Example E2345678 - Blood transfusion competency overdue\nAmira Example E3456789 - Dementia "
    "tier 2 overdue\n",
    "Certificate numbers for last week's course:\n\nGrace Example ILS2401234 - passed, anaphylaxis and cardiac "
    "arrest scenarios\n",
    "Sue Example BK884512 - Dementia Care Mapping basic user course, 9-12 Sept",
    "Allocations confirmed:\n\nHolly Example S2234567 - Ward 24 (stroke rehabilitation)\nMarcus Example S2234568 "
    "- Ward 9 (respiratory, NIV unit)\n",
    # a clinician's indemnity form, a candidate's interview scores
    "Updating my scope of practice for renewal:\n\nMember name: Mr Raj Example\nPolicy no: MDX-448812\n"
    "Procedure: Total knee replacement, revision hip arthroplasty\nRisk: Orthopaedic surgery (private sessions)",
    "Scores for your candidate:\n\nName: Ashley Example\nDOB: 03/09/1995\nImpression: Strong on sepsis "
    "recognition and triage; less confident with paediatric resus",
    # a staff magazine's long servant raising money
    "For the Gazette: Fiona Example, 52, on Ward 9 for 25 years, is walking 100 miles for the hospice that cared "
    "for respiratory patients on her ward. Donations via JustGiving.",
    # "he" or "she" after a member of staff, a speaker, a retirement, a rota's absence, a clinician,
    # or someone the title says is another person; a role, a skill or a topic after "is" or "came in"
    "Please welcome Sarah Example, who joins us as Diabetes Specialist Nurse. She has worked in diabetes care for"
    " ten years.",
    "Meet Lucy Example, our new Ward Manager. She is diabetic herself and brings real insight.",
    "Our speaker, Jane Example, is a patient advocate. She was diagnosed with multiple sclerosis in 2005 and now"
    " campaigns for better services.",
    "John Example retires this month after 30 years. He was treated for prostate cancer in 2015 and is well.",
    "Tom Example won't be in tomorrow. He has tested positive for COVID.",
    "Jane Example met Dr Tom Sample on the ward round. He was admitted with chest pain last year.",
    "Mr Alan Example came to the stall with his wife. She was diagnosed with breast cancer last year.",
    "Dear Mrs Example,\n\nThank you for your letter about the car park. She was admitted with pneumonia.",
    "Mary Example is diabetes lead for the ICB.",
    "Kate Example is HIV nurse specialist for the trust.",
    "Sarah Example is Mental Health First Aid trained.",
    "Jane Example came in to talk about the dementia strategy.",
    "Emma Example, 34, came in second in the fun run for Diabetes UK.",
    # a sentence led by "Her"/"His" about their work; a pronoun of the other sex; a course of study
    "Dr Jane Example joined the team in May. Her interest in dementia care is well known.",
    "Tom Example is our new HCA. His first shift is on the stroke ward.",
    "Hi Dr Example, I'm a medical student shadowing Mrs Example. Her clinic has lots of diabetes patients.",
    "Following his stroke, Mrs Olwen Example still needs a frame to walk.",
    "After her stroke training, Mrs Example became our stroke champion.",
    "Following his promotion in March, Mr Gareth Example will lead the stroke service.",
    "Claire Example has been on a course of diabetes training this week.",
    "Our tutor Ben Example ran a course of dementia lectures for the HCAs.",
    # a ward's member of staff, a note's label over a clinician's or a colleague's line
    "Mrs Example from Ward 9 rang about the diabetes training.",
    "Medication review: Dr Example - simvastatin audit results are attached.",
    "Mike Example - BP training 12/03, ramipril audit due 2/52.",
    "Gemma Example is being transferred with the diabetes team to the new building.",
    # a given name in a clinic's or an office's room: staff, what they have no health of theirs
    "Sarah in room 4 is doing the diabetes clinic this afternoon.",
    "Jane in room 2 is running the asthma reviews today.",
    "Tom in room 5 has the flu vaccines if anyone needs one.",
    "Lisa in room 6 has a spare box of flu vaccine.",
    "Karen in rm 3 is covering the smear clinic.",
    "jo in room 4 is doing the diabetes clinic this afternoon",
    "pat in room 2 has the flu vaccines if anyone needs one",
    "Meeting with Mr Example in room 3 has been moved; he has the stroke audit slides.",
    # a colleague's post or event after their "'s", then "she" or "he"
    "Jane Example's appointment as diabetes lead starts in May. She is on the stroke rota until then.",
    "Mrs Example's leaving do is on Friday. She is on the diabetes ward until then.",
    "Tom Example's appointment to the post of stroke consultant was confirmed. He is on leave this week.",
    # a placeholder's name ("Sample Patient" as a name is written), as "Test Patient" is
    "Mrs Sample Patient has type 2 diabetes.",
    # a business named for its owner, its word right after the name; a place's stock
    "Claire Example Dental Care, 4 Main Street - gum disease leaflets",
    "Can Jo Example order more eye drops for the ward stock cupboard?",
    # a room's rota, what staff run there after its separator
    "Jane rm 2: asthma reviews all day.",
    "rm 2 jane: asthma reviews all day\nrm 5 tom: flu jabs\n",
    # a trade's given name at work for us, or a health or care job's
    "Dave the plumber fixed the leak in the dialysis unit.",
    "Mike the butcher sponsored our dementia cafe.",
    "Jo the physio is doing the knee replacement class.",
    "Thanks to Dave the postie for raising 200 pounds for the hospice.",
    "Rm 2 Jane: asthma reviews all day",
    "Mrs Example room 6: COPD reviews, then flu jabs.",
    "Rooms Monday:\n- Dr Example rm 1: minor ops list\n- Mrs Example rm 2: diabetes reviews",
    # people in general with a condition; a list after a colon with no health of theirs
    "Patients with diabetes: please bring your meter to the clinic.",
    "Three residents joined the trip today: Mrs Example, Mr Sample and Mrs Lowe. All had a lovely time.",
]


@pytest.mark.parametrize("text", NOT_PATIENTS)
def test_no_patient_is_named(text: str) -> None:
    assert patients(text) == {}, text


def test_a_patients_record_with_test_results_is_still_a_patients() -> None:
    assert patients("Patient: Jane Example\nDOB: 02/03/1961\nBlood test results: type 2 diabetes\n")


def test_the_same_record_without_the_marks_of_no_patient_is_a_patients() -> None:
    vet, osce, cv = NOT_PATIENTS[:3]
    assert patients(vet.replace("Species: Canine (Labrador retriever), Female neutered\n", "").replace(
        "Owner: Mrs Sandra Example\n", ""))
    assert patients(osce.replace("OSCE station 6. Candidate instructions: You are the FY1 in ED. ", ""))
    assert patients(cv.replace("GMC: 7123456\n", ""))


def test_one_person_is_counted_once_on_their_line() -> None:
    assert patients("Mrs Example, 3 March 1961, has diabetes") == {"dob": 1}
    assert patients("Mr George Example, 74, bed 2, has NSTEMI") == {"name_age": 1}


def test_a_patients_date_of_birth_beside_their_consultants_field_is_still_a_patients() -> None:
    assert patients("Patient: Jane Example  DOB: 03/02/1950  Consultant: Dr Sample  Ward 7\nDiagnosis: COPD") == {"dob": 1}


def test_a_blank_forms_labels_are_no_columns_of_patients() -> None:
    form = "URGENT SUSPECTED CANCER REFERRAL\nSurname\t\tForename\nDOB\t\tNHS No\nFIT result\t\tHb\n"
    assert patients(form, tabular=True) == {}
    filled = "URGENT SUSPECTED CANCER REFERRAL\nSurname\tExample\tForename\nDOB\t03/02/1950\tNHS No\n"
    assert patients(filled, tabular=True)


def test_a_subject_that_names_the_patient_and_a_body_about_them() -> None:
    """"Re: Mr Daniel Example - Friday" over "His CD4 came back at 180": the mail is about
    that person's health; a clinician's title, a team's name or no pronoun is not."""
    from dlpgate.detectors import health_terms
    from dlpgate.types import DetectorContext, ParsedMessage, Segment
    from tests.detectors.test_health_terms import CONFIG

    detector = health_terms.build(health_terms.DEFAULTS, DetectorContext(config_dir=CONFIG))

    def named(subject: str, body: str) -> bool:
        msg = ParsedMessage(segments=(Segment(subject, "subject"), Segment(body, "message body")))
        return any(f.kind == "patient_identifier" for f in detector.detect(msg))

    body = "His CD4 came back at 180 and the HIV viral load is up again. Can we talk Friday?"
    assert named("Re: Mr Daniel Example - Friday", body)
    assert not named("Re: Dr Daniel Example - Friday", body)
    assert not named("Re: Mr Daniel Example - Friday", "The HIV clinic moves to Friday.")
    assert not named("Retirement: Mrs Jane Example", "She has worked on the Stroke Unit for 30 years.")
    # ... or a job given right after their name in the body: news of a new consultant, an obituary
    assert not named("Press release: Mr Okoro joins vascular team", "Example Trust welcomes Mr Daniel Okoro, who "
                     "joins as consultant vascular surgeon. He specialises in limb salvage for diabetic foot disease.")
    assert not named("Mr Hughes - obituary draft", "Mr Hughes, our former consultant urologist, died of prostate "
                     "cancer on 2 March, aged 79.")
    assert named("Mr Hughes - obituary draft", "Mr Hughes, our former patient, died in March. His prostate cancer "
                 "had spread to his bones.")
    assert named("Mr Hughes - update", "Mr Hughes, a retired nurse, was admitted last night. His dementia is worse.")
    # a member of staff by their title: their leave, cover or profile, or their secretary's or
    # qualifications' line elsewhere; a patient's medication change still is
    assert named("Mr Stanley Example - medication changes", "STOP: donepezil\\nSTART: memantine as his dementia is worse.")
    assert not named("Mr Example - annual leave w/c 3 Nov - cover needed",
                     "We need a locum to cover his fracture clinic. He also does hip replacements.")
    assert not named("Consultant profile for website - Mr Jaswinder Example",
                     "Mr Jaswinder Example MBChB FRCS (Urol)\nHe also treats recurrent UTIs.")
    assert not named("FW: letters - Mr Example", "Janet | Secretary to Mr R Example\nHe also treats prostate cancer.")
    assert named("FW: letters - Mr Example", "Janet | Secretary to Mr R Sample\nHe has prostate cancer.")


def test_rows_that_start_with_a_mobile_number_and_say_a_result() -> None:
    """A results list for an SMS service: each row a person reached by their number."""
    rows = ("07700 900123 - Your chlamydia test was positive, please call the clinic\n"
            "07700 900456 - Your gonorrhoea test was positive, please call the clinic\n")
    assert patients(rows) == {"contact": 2}
    assert patients("07700 900123 - Diabetes Specialist Nurse (on call)\n07700 900456 - GUM clinic bookings") == {}


@pytest.mark.parametrize("text", [
    "Lines went down before we could put her through. Please call mum back on 07700 900417.\n\n"
    "2 y/o girl, fever 39.6 since this morning, rash that doesn't fade, very sleepy.",
    "Can you ring her on 07700 900123 today? Her chest pain came back overnight.",
    "Daughter worried about him, his mobile is 07700 900456. He had a fall on Sunday and is more confused.",
    "pt's number: 07700 900789 - still vomiting after chemo on Monday",
    # a call back to whoever rang, on the number they left; the number right after the one to ring
    "lady rang at 5pm, her husband has had a fall and is more confused than usual. pls call back asap on 07700 900591",
    "toddler 2yo - high fever + rash on her tummy - pls ring mum 07700 900328",
])
def test_someone_to_call_on_a_mobile_number_beside_their_health(text: str) -> None:
    """A request to call a patient or their relative on a mobile number: the number reaches them."""
    assert patients(text) == {"contact": 1}, text


@pytest.mark.parametrize("text", [
    "Call me on 07700 900123 about the diabetes audit if anything is unclear.",
    "Please ring the ward on 07700 900123 to book onto the sepsis training.",
    "Can you call her back on 07700 900123? She is off sick with flu this week so will miss the diabetes clinic.",
    "If your child has a rash that doesn't fade, call 999. Our team is on 07700 900456 for questions.",
    "Please call back on 0113 496 0123 (the ward) if the new rash on her arm spreads.",  # a landline: the ward's
])
def test_a_number_of_the_writer_a_service_or_an_absent_colleague_reaches_no_patient(text: str) -> None:
    assert patients(text) == {}, text



NAMES_BESIDE_HEALTH = [
    # a column of names, and health in the rows' other cells, whatever the headers are called
    ("Name\tWard\tBed\tPlan\nPriya Example\tWard 7\tB1\tDKA protocol\nThomas Example\tWard 7\tB2\tAwait angio\n"
     "Eileen Example\tWard 7\tB3\tOGD today\n", True),
    ("Surname\tForename\tOperation\tType\nExample\tDoreen\tLap cholecystectomy\tInpatient\n"
     "Sample\tImran\tRight total hip replacement\tDay case\n", True),
    ('Name;Reason for referral;Priority\nTINDALL, Vera;Decompensated heart failure;Routine\n'
     'EXAMPLE, Priya;Type 2 diabetes with retinopathy;Urgent\n', True),
    ('Name,Diagnosis,Ward\n"EXAMPLE, Priya",Fractured neck of femur,Ward 7\n"SAMPLE, Joan",Pneumonia,Ward 8\n', True),
    ("Person\tHouse\tHealth needs\nDaniel Example\tNo. 4\tEpilepsy, buccal midazolam if seizure\n"
     "Chloe Example\tNo. 4\tType 1 diabetes, dysphagia\n", True),
    ("Individual\tAddress\tCurrent issues\nLewis Example\t9 Mill St\tSchizophrenia, depot due Fri\n"
     "Chloe Example\t14 Cross Lane\tBipolar disorder, recent admission\n", True),
    # a grade beside a dressing is a pressure ulcer's
    ("Name\tSite\tGrade\tDressing\nEdith Example\tSacrum\tCategory 3 pressure ulcer\tAllevyn\n"
     "Albert Example\tLeft heel\tCategory 2 pressure ulcer\tMepilex\n", True),
    # no "patient" in the header: a theatre list's procedure, notes beside names, a care home's concerns
    ("Name | Procedure | Time\nMr John Example | Left hip replacement | 09:00\n"
     "Mrs Joan Sample | Laparoscopic cholecystectomy | 11:00\n", True),
    ("Name\tTime\tNotes\nJoan Example\t09:00\tpost-op day 2, wound infection\n"
     "George Sample\t10:30\tpost op, pain controlled, mobilising\n", True),
    ("Name\tDate\tNotes\nJoan Example\t12/06\tpost-op day 2, wound infection\n"
     "George Sample\t13/06\tcellulitis, on IV antibiotics\n", True),
    ("Name\tDate\tNotes\nJoan Example\t12/06\tCXR mediastinal shift, ?tension pneumothorax\n"
     "George Sample\t13/06\tcellulitis, on IV antibiotics\n", True),
    ("Name\tAge\tProcedure\nHarold Example\t72\tLaparoscopic cholecystectomy\n"
     "Susan Example\t45\tInguinal hernia repair (mesh)\n", True),
    ("Resident\tRoom\tConcerns\nEdna Example\t4\tfalls, UTI last week\n"
     "Arthur Sample\t7\tweight loss, pressure ulcer on sacrum\n", True),
    # a problem's, a treatment's, a referral's heading beside the names
    ("Name\tProblem\nViolet Example\tDiabetic foot ulcer R hallux, on antibiotics\n"
     "Arthur Sample\tCharcot foot L, offloading boot\nPhyllis Other\tPVD, non-healing heel ulcer\n", True),
    ("Name\tAddress\tVisit\tTreatment\nEdith Example\t3 Mill Cottages, Northtown\tDaily AM\tInsulin - 18 units\n"
     "Walter Sample\t21 Beech Drive\tMon/Thu\tVenous leg ulcer L - compression bandaging\n", True),
    ("Name\tReferred for\nEdith Example\tmemory assessment, ?dementia\nWalter Sample\tlow mood, depression\n", True),
    ("Name\tAddress\tPresenting problem\nEdith Example\t3 Mill St\tfalls, dementia\nWalter Sample\t4 Mill St"
     "\tleg ulcer\n", True),
    # no heading says so: a column whose cells speak of health row after row does
    ("Name\tVisit\tDetails\nEdith Example\tDaily\tInsulin - Humulin I 18 units\nWalter Sample\tMon/Thu"
     "\tVenous leg ulcer L - compression\nGeorge Other\tMonthly\tSuprapubic catheter change\n", True),
    ("Name\tTime\tReason\nEdith Example\t09:00\tCOPD exacerbation, on steroids\nWalter Sample\t09:30"
     "\tcellulitis L leg\n", True),
    # a ward's jobs list by bed and age: a bare surname is the patient's name
    ("Bed\tPt\tAge\tIssues\tJobs\n1\tHolloway\t84\tCAP, T2DM, CKD3\tBloods, chase CXR\n4\tPemberton\t71\tIECOPD"
     "\tABG 2pm\n7\tOkonkwo\t90\tFall, #NOF R\tConsent\n", True),
    ("Bay\tPatient\tIssues\nA1\tHOLLOWAY\tpneumonia\nA2\tPEMBERTON\tCOPD exacerbation\n", True),
    # ... but a bed board's words where a name would be, staff's absences, topics, a job plan's
    # sessions, a talk's title, the areas a link nurse covers
    ("Bed\tName\tAge\tIssues\n1\tEmpty\t\t\n2\tClosed\t\tnorovirus\n3\tVacant\t\tnorovirus bay\n", False),
    ("Name\tDates off\tReason\nJoan Example\t3-5 March\tFlu\nGeorge Sample\t6 March\tMigraine\n"
     "Amy Other\t7 March\tback pain\n", False),
    ("Name\tTopic\nJoan Example\tHeart failure\nGeorge Sample\tCOPD\n", False),
    ("Name\tTime\tTitle\nJoan Example\t09:30\tHeart failure update\nGeorge Sample\t10:00\tCOPD exacerbations\n",
     False),
    ("Conference programme:\n\nName\tTime\tDetails\nJoan Example\t09:30\tHeart failure update\n"
     "George Sample\t10:00\tCOPD in 2025\n", False),
    ("Name\tWard\tAreas covered\nKiran Example\tWard 5\tDiabetes, insulin\nAdam Example\tWard 6\tStroke\n", False),
    ("Name\tChampion for\nKiran Example\tDementia\nAdam Example\tFalls and delirium\n", False),
    # ... but a rota with its notes, a course's roster, consultants and their specialties
    ("Name\tRole\tShift\tNotes\nJoan Example\tStaff nurse\tEarly\tSepsis training\n"
     "George Sample\tHCA\tLate\tCOPD study day\n", False),
    ("Name\tShift\tNotes\nJoan Example\tEarly\tSepsis training\nGeorge Sample\tLate\tDementia awareness course\n",
     False),
    ("Name\tCourse\tNotes\nJoan Example\tSepsis management\tbooked\nGeorge Sample\tDiabetes update\tbooked\n",
     False),
    # ... staff's work by name: a journal club's papers, a surgeon's cases, a trial's feedback from
    # each ward, competencies signed off, a conference's talks, a rota's cover
    ("Name\tDate\tPaper\tNotes\nLewis Example\t02/10\tCOPD exacerbation steroids (REDUCE)\tSwap if on nights\n"
     "Ella Example\t09/10\tAsthma biologics review\tNeeds projector\n", False),
    ("Name\tProcedure\tCases\tRevision rate\nMr Raj Example\tPrimary TKR\t212\t1.4%\n"
     "Miss Anna Example\tPrimary THR\t188\t0.9%\nMr Paul Example\tUnicompartmental knee replacement\t64\t3.1%\n",
     False),
    ("Name\tWard\tComments\nClaire Example\tWard 5\tHeparin infusion programming easier than old pump\n"
     "Ian Example\tICU\tInsulin library missing - occlusion alarm too sensitive\nRebecca Example\tWard 12"
     "\tGood for PCA morphine\n", False),
    ("Name\tProcedure\tDate signed off\nAaron Example\tVenepuncture and cannulation\t03/06/2026\n"
     "Kerry Example\tMale urinary catheter insertion\t05/06/2026\nLeah Example\tTracheostomy suctioning\t09/06/2026\n",
     False),
    ("Name\tTalk\tNotes\nDr Karen Example\tHeart failure with preserved ejection fraction\tNeeds lapel mic\n"
     "Mr Raj Example\tDay-case knee replacement\tArriving 10:30\nJoanne Example\tAI in chest X-ray reporting"
     "\tRemote - Teams link\n", False),
    ("Name\tDate\tNotes\nTom Example\t12/06\tStroke thrombolysis trained\n"
     "Ella Example\t13/06\tNo paediatric sepsis cover - needs senior support\n", False),
    ("Name\tSpecialty\tNotes\nDr A Example\tCardiology\theart failure clinic Tuesdays\n"
     "Dr B Sample\tRespiratory medicine\tCOPD clinic Fridays\n", False),
    ("Name\tSpecialty\tNotes\nAmir Example\tCardiology\theart failure clinic Tuesdays\n"
     "Bella Sample\tRespiratory medicine\tCOPD clinic Fridays\n", False),
    # ... but a conference's delegates with their dietary needs, staff by department, an exam's candidates
    ("Name,Organisation,Dietary requirements,Workshop\nHarold Example,Example Hospitals,Gluten free (coeliac),"
     "Heart failure workshop\nDoreen Example,City University,Nut allergy,Heart failure workshop\n", False),
    ("Name;Vehicle reg;Department;Type\nThomas Example;AB10 CDE;Oncology;Staff permit\n"
     "Eileen Example;AB11 CDE;Renal Dialysis Unit;Staff permit\nKwame Example;AB12 CDE;Stroke;Staff permit\n", False),
    ("Name\tStation\tScore\nAmy Example\tChest pain history\t18\nJon Example\tBreaking bad news: lung cancer\t15\n",
     False),
    # staff's tables: a job plan, a theatre's staff, link nurses, trainers, a directory
    ("Name\tMon AM\tMon PM\tTue AM\nOwen Example\tEpilepsy\tHeadache\tStroke\nAnna Example\tStroke\tEpilepsy\tSPA\n",
     False),
    ("Name\tTheatre\tList\tStart\nKwame Example\tTh 5\tLaparoscopic cholecystectomy\t08:00\n"
     "Jo Example\tTh 6\tTotal hip replacement\t08:30\n", False),
    ("Name\tLink nurse for\nKiran Example\tTissue viability / pressure ulcers\nAdam Example\tDiabetes\n", False),
    ("Name\tSkill\tRoom\nKate Example\tCannulation and venepuncture\tLab 1\nSean Example\tUrinary catheterisation"
     "\tLab 2\nOllie Example\tBlood transfusion\tLab 4\n", False),
    ("Name\tConsultant\tFor queries about\tExt\nJulie Example\tDr Helen Example\tHeart failure clinic\t4471\n"
     "Anne Example\tDr Anjali Example\tInsulin pumps and diabetes\t4472\n", False),
    # a mail merge's data: people at home beside why they are seen, the clinician they see in a
    # column of their own (the row's person's health, not a job's topic) ...
    ("Salutation\tGiven_Name\tFamily_Name\tStreet\tPost_Code\tVisit_Date\tAdviser_Name\tReason\n"
     "Mr\tGareth\tExample\t4 Beck Side, Shipley\tBD18 9ZZ\t09/03/2027\tS Example (OH Nurse Adviser)"
     "\tDepression, currently signed off\nMs\tHelen\tExample\t12 Moor Lane, Otley\tLS21 9ZZ\t09/03/2027"
     "\tDr P Example (OH Physician)\tRheumatoid arthritis - adjustments\nMrs\tSusan\tExample\t3 Mill Court, Ilkley"
     "\tLS29 9ZZ\t10/03/2027\tDr P Example (OH Physician)\tEpilepsy - fitness to drive at work\n", True),
    # ... but staff's training beside their manager's or mentor's name
    ("Forename\tSurname\tLine manager name\tNotes\nGareth\tExample\tS Example (Ward Manager)\tDementia awareness "
     "module due\nHelen\tExample\tP Example (Matron)\tSepsis e-learning overdue\nSusan\tExample\tP Example (Matron)"
     "\tDiabetes foot care update booked\n", False),
    ("Name\tMentor name\tNotes\nJulie Example\tAnne Example (Practice Educator)\tdementia module outstanding\n"
     "Owen Example\tBeth Example (Clinical Nurse Specialist)\tstroke placement next\n", False),
]


@pytest.mark.parametrize(("text", "named"), NAMES_BESIDE_HEALTH)
def test_a_column_of_names_beside_cells_that_speak_of_health(text: str, named: bool) -> None:
    assert bool(patients(text, tabular=True)) is named, text
    if "\t" in text:  # the same table pasted into a body
        assert bool(patients("Hi,\n\n" + text + "\nThanks\n")) is named, text


def test_a_column_of_names_beside_figures_under_a_measure_of_health() -> None:
    # questionnaire scores or readings matched back to people: the figures are each one's
    sheet = ("Full name\tEmail address\tService\tAUDIT-C\tHbA1c (mmol/mol)\n"
             "Lorcan Whitacre\tlorcan.w88@example-mail.co.uk\tWellbeing hub\t9\t61\n"
             "Imogen Stradling\timogen.stradling@example-mail.co.uk\tWellbeing hub\t3\t44\n"
             "Tobias Penhallow\ttobias.penhallow@example-mail.co.uk\tWellbeing hub\t11\t<40\n")
    assert patients(sheet, tabular=True)
    assert patients("Hello,\n\n" + sheet + "\nRegards\n")
    # the same people's figures under no measure of health (a course's, a rota's) are no one's health
    assert patients(sheet.replace("AUDIT-C", "Sessions").replace("HbA1c (mmol/mol)", "Hours"), tabular=True) == {}
    # ... nor a course's column named for a condition, nor a measure's column left empty
    assert patients(sheet.replace("AUDIT-C", "Dementia e-learning").replace("HbA1c (mmol/mol)", "Sepsis module"),
                    tabular=True) == {}
    assert patients(sheet.replace("\t9\t61", "\t\t").replace("\t3\t44", "\t\t").replace("\t11\t<40", "\t\t"),
                    tabular=True) == {}


# A table with no header row: rows that pair a person's name, in a name's shape and alone in
# its cell, with health in another cell row after row; and staff's lists without a header.
UNHEADED = [
    ("Example, John\tBed 3\tCOPD exacerbation\thome Tues if sats ok\nSample, Brenda\tBed 5\tFall - head injury, "
     "on warfarin\tCT head NAD\nOther, Roy\tBed 8\tChest pain - troponin neg\td/c today\n", True),
    ("John Example\t84\tCOPD exacerbation\thome Tues\nBrenda Sample\t71\tcellulitis, IV abx\n", True),
    ("EXAMPLE John\tBed 3\tpneumonia\nSAMPLE Brenda\tBed 4\tUTI, delirium\n", True),
    ("John Example | Bed 3 | pneumonia, on IV abx\nBrenda Sample | Bed 4 | UTI, delirium\n", True),
    # ... a rota, a directory by specialty, a training record, a programme's talks, contacts
    ("Hughes, Rachel\tBand 7\t2214\tWard 22\nOkoro, Blessing\tBand 6\t2216\tWard 22 (Stroke)\n", False),
    ("Funmi Example\tDiabetes & Endocrinology\t4412\nJames Sample\tOncology\t4520\n"
     "Siobhan Other\tRespiratory medicine\t4388\n", False),
    ("Funmi Example\tNeurology (epilepsy, MS)\tTue\nJames Sample\tCardiology (heart failure)\tMon\n", False),
    ("Dr Funmi Example\tDiabetes\tTue/Thu AM\text 4412\nDr James Sample\tOncology\tMon/Wed\text 4520\n", False),
    ("Sean Example\tStaff Nurse\tWard 22\tSepsis recognition\nMei Sample\tStaff Nurse\tWard 22\tDementia awareness\n",
     False),
    ("Sean Example\tWard 22\tSepsis recognition course\t04/03\nMei Sample\tWard 22\tDementia awareness course"
     "\t05/03\n", False),
    ("09:30\tWendy Example\tYoung Onset Dementia\n10:15\tChris Sample\tLiving With Heart Failure\n"
     "11:00\tAmy Other\tDiabetes And Driving\n", False),
    # a header that says the rows are no patients' is still read as one
    ("Name\tStation\tScore\nAmy Example\tChest pain history\t18\nJon Example\tBreaking bad news: lung cancer\t15\n",
     False),
]


@pytest.mark.parametrize(("text", "named"), UNHEADED)
def test_a_table_with_no_header_row_pairs_names_with_health(text: str, named: bool) -> None:
    assert bool(patients(text, tabular=True)) is named, text
    assert bool(patients("Here you go\n\n" + text + "\nThanks\n")) is named, text
    assert bool(patients("Ward 22 list\n" + text, tabular=True)) is named, text  # under a sheet's title row


SESSION_GRID = ("Theatre\tMon AM\tMon PM\tTue AM\nTh 1\tMr Example (cataract)\tMr Example (cataract)\t"
                "Ms Sample (gynae oncology)\nTh 2\tMrs Other - Breast\tMrs Other - Breast\tMr Last (hips)\n")


@pytest.mark.parametrize("grid", [
    SESSION_GRID,
    SESSION_GRID.replace("\t", " | "),
    # sessions down the side, days across
    "Session\tMonday\tTuesday\tWednesday\nAM\tMr Example (cataract)\tMs Sample (gynae oncology)\tMr Last (hips)\n"
    "PM\tMr Example (cataract)\tMrs Other (breast cancer)\tMr Last (knees)\n",
])
def test_a_session_grid_names_surgeons_and_their_lists_not_patients(grid: str) -> None:
    assert patients("Hi Dan,\n\nSessions for next week:\n\n" + grid + "\nThanks\nBev\n") == {}
    assert patients("Session plan - w/c 24/03\n" + grid, tabular=True) == {}


def test_a_patient_named_beside_a_session_grid_is_still_read() -> None:
    assert patients("Hi Dan,\n\n" + SESSION_GRID + "\nAlso Mrs Jane Example has had a stroke and cannot come in.\n") == {
        "patient_name": 1}


def test_a_table_laid_out_with_spaces_or_quoted_in_a_reply() -> None:
    """A plain-text mail aligns a table's columns with spaces; a reply quotes it with "> "."""
    rows = [("Name", "Bed", "Plan"), ("Edith Example", "7B-4", "PEG fed, grade 3 pressure ulcer"),
            ("Albert Example", "7B-9", "IV antibiotics for cellulitis")]
    spaced = "\n".join(f"{a:<17}{b:<7}{c}" for a, b, c in rows)
    assert patients("List as discussed:\n\n" + spaced + "\n\nJ\n")
    quoted = "\n".join("> " + "\t".join(row) for row in rows)
    assert patients("Any update?\n\n-----Original Message-----\nSubject: D2A\n\n" + quoted + "\n")
    assert patients("Any update?\n\n" + "\n".join("> " + line for line in spaced.split("\n")) + "\n")
    # staff aligned the same way, and prose with two spaces after a full stop, are no patients' table
    staff = [("Name", "Team", "Link nurse for"), ("Kate Example", "Ward 7", "Diabetes and insulin pumps"),
             ("Sean Example", "Ward 8", "Pressure ulcers")]
    assert not patients("Link nurses:\n\n" + "\n".join(f"{a:<17}{b:<9}{c}" for a, b, c in staff) + "\n")
    assert not patients("Name  the ward and bed.  Plan  to discuss cellulitis.\nNo more  on this.\n")


def test_a_laid_out_tables_column_of_departments_is_where_people_work() -> None:
    """Under a header that names a column of departments, wards, specialties or teams, its
    cells say where the row's person works, whatever health words they hold."""
    rows = [("Name", "Service", "Department"), ("Mr Tomasz Sample", "15", "Stroke Unit"),
            ("Mrs Gail Sample", "30", "Haematology Day Unit"), ("Ms Rukhsana Sample", "22", "Diabetes & Endocrinology"),
            ("Mr Keith Sample", "25", "Mental Health Liaison")]
    spaced = "\n".join(f"{a:<22}{b:<9}{c}" for a, b, c in rows)
    assert patients("Hi Lee,\n\nNames for the award certificates:\n\n" + spaced + "\n\nThanks\n") == {}
    # a reply's quote of a rota's names, wards and bands
    bands = ("Band", "5", "6", "7", "5")
    quoted = "\n".join(f"> {a:<20}{c:<26}{band}" for (a, _b, c), band in zip(rows, bands, strict=True))
    assert patients("Thanks, see below.\n\n" + quoted.replace("Department", "Ward      ") + "\n") == {}
    # ... the same rows under a diagnosis's column, or told in prose, are patients
    assert patients("Hi Lee,\n\n" + spaced.replace("Service", "Age    ").replace("Department", "Diagnosis") + "\n")
    assert patients("Hi Lee,\n\n" + spaced.replace("Department", "Problem   ") + "\n")
    assert patients("Mrs Gail Sample, 78, has metastatic breast cancer and is for palliative care.\n")


# A list's rows that pair a person (by name, or by a hospital number without its label) with a
# fact of their own health, whatever the order of the row's cells and without an age: a clinic
# list, an interpreter's bookings, an endoscopy list sent out; and a table's contact or clinic
# column, a home address with what follows it on its line, a person known only by their address.
FACT_ROWS = [
    ("Thanks for covering Thursday. Your list is below:\n\n- 09:00 Sarah Example - follow-up, CIN2 on last biopsy\n"
     "- 09:30 Priya Example - new, HPV positive / low grade dyskaryosis\n- 10:00 Megan Example - LLETZ review, "
     "margins clear\n", "patient_name"),
    ("Please provide interpreters for the following:\n\nHoa Example - Vietnamese - 09:20 - 28/40, gestational "
     "diabetes\nWei Example (Mrs) - Mandarin - 10:40 - booking appointment, previous stillbirth\n"
     "Fatuma Example - Somali - 11:30 - FGM clinic, type 3\nOksana Example - Ukrainian - 14:00 - 34/40, HIV positive\n",
     "patient_name"),
    ("1. Mrs Jane Example - ?Ca breast, for biopsy\n2. Mr John Sample - Hb 82, iron deficiency anaemia\n", "patient_name"),
    ("Please book the following onto the outsourced lists:\n\nRR8 4418273 - barium swallow showed stricture, ?Ca "
     "oesophagus, 2WW\nRR8 4419001 - Barrett's oesophagus, last biopsy LGD\n", "hospital_number"),
    ("K123456 - HIV positive, viral load rising\nK223344 - hepatitis C, PCR positive\n", "hospital_number"),
    # cells in any order: a time after the name, the name in a later cell; an appointment's rows
    # in a clinic's shorthand, each for a person named in full
    ("Here's tomorrow's clinic for the locum:\n\n\u2022 09:00 Jane Example \u2013 diabetic review, HbA1c 86\n"
     "\u2022 Mark Example 09:20 \u2013 foot ulcer L hallux\n\u2022 Insulin pump start \u2013 Sofia Example \u2013 09:40\n"
     "\u2022 10:00 \u2013 Patrick Example, new type 1, DKA last month\n", "patient_name"),
    ("Monday morning list for the locum:\n\n09:00 Jane Example - diabetic review\n09:20 Mark Example - foot ulcer L "
     "hallux\n09:40 Sofia Example - insulin pump start\n10:00 Patrick Example - new type 1, DKA last month\n",
     "patient_name"),
    # a titled row with a given name after its time stands alone
    ("Your list:\n09:00 Mrs Sarah Example - follow-up, CIN2 on last biopsy\n\nThanks\n", "patient_name"),
]
FACT_ROW_TWINS = [
    # a programme's talks, a surgeon's lists, new starters' posts, a team's members
    "Programme:\n09:30 Wendy Example - HPV positive oropharyngeal cancer: new approaches\n"
    "10:15 Chris Sample - High grade glioma, previous trials\n",
    "08:30 Mr Hurst - hernia repairs and lap choles, Theatre 3\n08:30 Miss Lowe - gynae oncology, radical "
    "hysterectomy, Theatre 5\n13:30 Mr Varga - robotic prostatectomy, Theatre 2\n",
    "Jane Example - diabetes nurse, new\nTom Sample - HIV nurse, new\n",
    "Rota:\n09:00 Jane Example - diabetes clinic, new\n10:00 John Sample - asthma clinic, review\n",
    # lay speakers' talks in capitals; surgeons by title and surname at a teaching session
    "09:30 Wendy Example - Young Onset Dementia\n10:15 Chris Sample - Living With Heart Failure\n"
    "11:00 Amy Other - Diabetes And Driving\n11:45 Tom Last - Asthma In Schools\n",
    "Monday 10:00 - Mr Singh: inguinal hernia repair\nTuesday 14:00 - Miss Okoye: breast abscess and mastitis\n"
    "Wednesday 09:00 - Mr Dunne: acute appendicitis in pregnancy\nThursday 16:00 - Miss Fraser: venous ulcers\n",
    # one row alone is no list
    "09:00 Sarah Example - follow-up, CIN2 on last biopsy\n\nParking permit is at main reception.\n",
    # staff numbers and orders beside what they learned or bought
    "E1234567 - Sepsis e-learning, previous result 60%\nE2345678 - HIV testing module, previous result 70%\n",
    "PO1234567 - 40 boxes of HIV test kits, previous order\nPO1234568 - 20 diabetes meters, previous order\n",
]


@pytest.mark.parametrize(("text", "category"), FACT_ROWS)
def test_a_lists_rows_that_pair_a_person_with_a_fact_of_their_health(text: str, category: str) -> None:
    assert category in patients(text), text


@pytest.mark.parametrize("text", FACT_ROW_TWINS)
def test_rows_of_a_programme_a_rota_or_staff_name_no_patient(text: str) -> None:
    assert patients(text) == {}, text


TABLE_CELLS = [
    # a contact column of phone numbers and addresses beside a result or notes: patients reached by them
    ("name,age,test,result,contact\nLiam Example,19,Chlamydia NAAT,POSITIVE,07700 900118\n"
     "Ellie Example,18,Chlamydia NAAT,POSITIVE,07700 900233\nJosh Example,20,Gonorrhoea NAAT,POSITIVE,07700 900981\n",
     True),
    ("Name\tNotes\tContact\nJoan Example\tHIV positive, needs PEP\t07700 900118\n"
     "George Example\tChlamydia positive, treat\tgeorge.example@example.com\n", True),
    ("Name,Age,Result,Contact\nJoan Example,34,HIV positive,\nGeorge Example,29,Chlamydia positive,\n", True),
    # a clinic each is booked into, at a date and a time: their health, a clinic's name or not
    ("Name,Phone,Email,Clinic,Appointment\nNadia Example,07700 900111,nadia@example.com,Memory Clinic,23/05/2024 14:00\n"
     "Peter Example,07700 900222,pete@example.com,Sexual Health,23/05/2024 14:30\n", True),
    ("Name\tClinic\tDate\tTime\nMaryam Example\tFertility (IVF)\t03/06\t09:15\nDavid Example\tHIV\t03/06\t10:00\n"
     "Sophie Example\tEarly Pregnancy Unit\t03/06\t11:30\nPaul Example\tMemory Clinic\t04/06\t14:00\n", True),
    # ... but a job plan's clinics by day, staff's clinics, a list of organisations' contacts, topics
    ("Name\tClinic\tDay\nAmir Example\tHeart failure\tTuesdays\nBella Example\tCOPD\tFridays\n", False),
    ("Name\tRole\tClinic\tDate\tTime\nJoan Example\tStaff nurse\tDiabetes\t03/06\t09:00\n"
     "George Example\tHCA\tHIV\t03/06\t13:00\n", False),
    ("Name\tOrganisation\tContact\nJoan Example\tDiabetes UK\t0113 496 0000\nGeorge Example\tStroke Association"
     "\t0113 496 0001\n", False),
    ("Name\tTopic\tContact\nJoan Example\tHeart failure\t0113 496 0000\nGeorge Example\tCOPD\t0113 496 0001\n", False),
]


@pytest.mark.parametrize(("text", "named"), TABLE_CELLS)
def test_a_tables_contact_and_clinic_columns_are_read_by_their_cells(text: str, named: bool) -> None:
    assert bool(patients(text, tabular=True)) is named, text
    if "\t" in text:
        assert bool(patients("Please book transport for these:\n\n" + text + "\nThanks\n")) is named, text


HOMES = [
    # the words after the postcode are the sentence's, not the address's
    "Can you help with a lift for Mrs Farah Example, 5 Grange Avenue, Leeds LS7 4EF, to her appointment at the "
    "Memory Clinic (Seacroft) on Tuesday? She gets very confused.",
    # ... the address then where the person goes ("->"); after a colon
    "Gary Example: 5 Oak Avenue, Luton LU2 7HE \u2192 Oncology Day Unit, for chemo cycle 3, 09:00",
    # one person spoken of by where they live, or collected from
    "Following your call about the lady at 27 Example Avenue, Leeds LS11 5BQ - she's known to us. She has advanced "
    "Alzheimer's dementia and lives alone.",
    "Collect from 42 Example Grove, Watford WD17 4PL, take to the Cancer Centre for radiotherapy 10:20. Patient has "
    "bone metastases, needs stretcher.",
    # one household by its home, a member's health said in the paragraph after it
    "I visit the couple living at 8 Mafeking Terrace, Bradford, BD3 0ZZ.\n\nThey have asked for a new boiler. Her "
    "husband has advanced dementia and she is struggling to manage his catheter.",
    "Please prioritise the repair for the household residing at Flat 12, 40 Kestrel Street, Salford, M6 5ZZ.\n\nThe "
    "landlord was told in March. Their daughter is on home oxygen for bronchopulmonary dysplasia.",
]
HOME_TWINS = [
    "2. Simon Example, 9 Heather Close, Baildon, Shipley BD17 5LP (the Contractor), to refit the Memory Clinic",
    "Mr Daniel Example, 14 Elm Road, Leeds LS6 2AB, will start at the Memory Clinic as a volunteer.",
    "The surgery at 27 Example Avenue, Leeds LS11 5BQ runs a dementia cafe on Tuesdays.",
    "The lady at 27 Example Avenue, Leeds LS11 5BQ has complained about parking at the Cancer Centre.",
    "Please collect one box (portable ultrasound, 8 kg) from 14 Larch Close, Bexley DA5 1AB (Dr Example's home) and "
    "deliver to the Renal Dialysis Unit by 10:00.",
    "Our venues from June:\n14 Station Road, Harrow HA1 2SQ - diabetic eye screening\n2 Mill Lane, Harrow HA2 0AB - "
    "leg ulcer clinic\n",
    # a household's tenancy, then a service's own news or advice to anyone
    "The family living at 9 Cobden Crescent, LS6 1ZZ has asked for a repair to the boiler.\n\nOur health visitors "
    "run an asthma drop-in at the clinic on Tuesdays.",
    "We write to all families living at 2 Cobden Walk, Leeds, LS6 1ZZ about the works.\n\nThe work is noisy. If "
    "your child has asthma, keep windows shut.",
    "The family living at 5 Cobden Walk, Leeds, LS6 1ZZ will be moved while the damp is treated.\n\nMould can make "
    "asthma worse, so we ask contractors to ventilate rooms.",
]


@pytest.mark.parametrize("text", HOMES)
def test_a_home_address_identifies_the_person_whose_health_follows(text: str) -> None:
    assert patients(text) == {"name_address": 1}, text


def test_a_list_of_home_addresses_each_with_their_health_is_of_the_people_there() -> None:
    visits = ("Visits for your nurse on Saturday:\n\nFlat 3, 8 Mill Street, Bristol BS1 4DJ - leg ulcer dressing, Aquacel"
              "\n27 Hawthorn Road, Bristol BS7 2QT - insulin 10:00 (Lantus 22 units), diabetic\n"
              "11 Church Lane, Bristol BS3 1EE - PICC flush, end of life care\n")
    assert patients(visits) == {"name_address": 3}
    # one address's row alone is no list
    assert patients(visits.split("\n27 ")[0] + "\n") == {}


@pytest.mark.parametrize("text", HOME_TWINS)
def test_a_business_or_a_complaint_at_an_address_names_no_patient(text: str) -> None:
    assert patients(text) == {}, text


@pytest.mark.parametrize(("text", "held"), [
    # one person by their home, then advice to whoever there may have it
    ("The occupant at 9 Fernbank Close, Bradford, BD9 4XX has asked about damp. Should anyone living there have "
     "COPD, please tell us so we can bring the works forward.", False),
    ("The resident at 3 Quarry Mount, Leeds LS6 2QQ reported a leak. If someone in the home has epilepsy, they might "
     "qualify for an urgent visit.", False),
    # ... or their own health said plainly
    ("The gentleman at 9 Fernbank Close, Bradford, BD9 4XX has COPD and is on home oxygen.", True),
    ("the lady at 4 Rowan Mews, LS7 3QQ - she has had three falls and her dementia is worse.", True),
    ("the gentleman at 4 Mill Lane, Leeds LS1 1AA can't manage his insulin any more and has had two hypos.", True),
    ("The tenant at 6 Elm Walk, Leeds LS6 3AB has reported damp. Should the tenant have asthma, we will move the "
     "repair up.", False),
    # ... by the house number and street alone, the postcode left out
    ("Morning. The tenant at Flat 2, 31 Example Grove has COPD and cannot manage the stairs while the lift is out.",
     True),
    ("the old gentleman who lives at 8 Sample Lane is on home oxygen and the concentrator has failed", True),
    ("If the tenant at 31 Example Grove has asthma, the damp repair will be moved up.", False),
    ("The occupant of 31 Example Grove has reported a leak under the kitchen sink.", False),
    ("The tenant at 31 Example Grove volunteers with the diabetes support group on Fridays.", False),
])
def test_advice_to_whoever_lives_at_a_home_is_no_ones_health(text: str, held: bool) -> None:
    assert bool(patients(text)) is held, text


@pytest.mark.parametrize(("text", "held"), [
    # a public occasion at a place or a facility named for a health term
    ("Mrs Hilda Sample, 94, from Ilkley, with her son Peter, will officially open the hospital's new dementia garden "
     "on Thursday.", False),
    ("Former bus driver Mr Arthur Sample, 88, cut the ribbon on the refurbished stroke recovery lounge yesterday.", False),
    ("Mr Ted Sample, 79, was guest of honour at the launch of the new cancer wellbeing hub in Bingley.", False),
    ("Mrs Nora Sample, 90, unveiled a plaque in the diabetes education suite named after her late husband.", False),
    # ... but a person's own health beside an occasion of theirs
    ("Mrs Hilda Sample, 94, opened her presents on the ward but her dementia has progressed; for memory clinic "
     "review.", True),
    ("Mr Ted Sample, 79, who opened the village fete, has bowel cancer with liver metastases.", True),
    # ... or someone's work for such a place: founding it, running it, volunteering there
    ("Mrs Edith Sample, 100, marked her birthday with staff from the dementia support cafe she helped found in 1996.",
     False),
    ("Mr Len Sample, 83, volunteers every Friday in the stroke rehabilitation lounge.", False),
    ("Mrs Edith Sample, 91, has been going to the dementia cafe every week since her diagnosis in May.", True),
    ("Mr Len Sample, 83, who ran the stroke club for years, was admitted to the stroke unit overnight.", True),
])
def test_a_public_occasion_at_a_place_named_for_a_condition_is_no_ones_health(text: str, held: bool) -> None:
    assert bool(patients(text)) is held, text


def test_a_real_list_with_a_test_patient_in_it_still_counts_its_real_patients() -> None:
    rows = ("Name\tDOB\tDiagnosis\nZZTEST, Donald\t01/01/1970\tTest\nJane Example\t03/04/1961\tAsthma\n"
            "Tom Example\t05/06/1972\tCOPD\n")
    assert patients(rows, tabular=True).get("dob") == 3
    assert patients("Mrs Test Aac, DOB 02/02/1960 - hypertension.\nMrs Jane Example, DOB 03/04/1961 - asthma.\n")
    # test patients named beside real ones: in a footnote, a comment of an HL7 message, prose
    assert patients("Name\tBed\tPlan\nJane Example\tB3\tIV antibiotics for cellulitis\n"
                    "Tom Example\tB4\tInsulin sliding scale for DKA\n\n"
                    "NB Test Patient, Mrs Test Aac and ZZZTEST Bravo have been removed from the board.\n")
    assert patients("Patient: Dennis Example\nDOB: 14/03/1947\nDiagnosis: stroke\n"
                    "Note: ignore the ZZZTEST^PATIENT entries, they are interface test patients\n")
    assert patients("For the slide we used Mickey Mouse as the example. The actual incident was Mr George "
                    "Example's pressure ulcer, which deteriorated to category 4.")


def test_a_press_release_whose_people_consented_names_no_patient() -> None:
    story = ("PRESS RELEASE - FOR IMMEDIATE RELEASE\n\nBarbara Example, 74, set herself the challenge after her"
             " husband Keith was diagnosed with pancreatic cancer in 2025. Keith Example was admitted to the"
             " hospice in June and died peacefully in August.\n\nENDS\n\n")
    assert patients(story + "Notes to editors: Barbara is available for interview. Consent obtained.\n") == {}
    # without the note that its people agreed to be in it, the same story names its patient
    assert patients(story)
    # a note to editors without a press release is no such release
    assert patients(story.replace("PRESS RELEASE - FOR IMMEDIATE RELEASE", "Update") + "Notes to editors: none\n")
    # a draft whose people have not agreed yet
    for note in ("Notes to editors: Barbara is available for interview (we are still waiting for the family's consent).\n",
                 "Notes to editors: available for interview. Consent not yet given by Keith's son - do not issue.\n",
                 "Notes to editors: Barbara is available for interview.\nConsent: pending\n"):
        assert patients(story + note), note


OBITUARY = ("Raymond Example, 83\nStory Teller\n(1919-2002)\n\nRay Example, a controversial figure, died November 26,"
            " 2002, in Toledo. The construction tycoon had been ill for some time, living in a rest home. Thanks to"
            " instructions from taxidermist Bob Example, Crew made the first plaster casts of a footprint.\n\n"
            "Ray Example was interred at the Lone Hill Cemetery on November 30, 2002.\n\n")


def test_news_or_an_obituary_as_published_names_no_patient() -> None:
    # a public figure's obituary forwarded from a news group: its life's years, an obituary's
    # words, a copyright line, the group's footer
    assert patients(OBITUARY + "\u00a9Loren Example 2002\n\nTo unsubscribe from this group, send an email to:\n") == {}
    # a news story under its byline, with its copyright line; an agency's dateline and a list's footer
    story = ("Tom Example, 64, the former mayor, was diagnosed with pancreatic cancer in March and died peacefully"
             " at home.\n\n")
    assert patients(story) and patients(f"By Jane Example, Health Correspondent\n\n{story}Copyright 2002 Example"
                                        " News Ltd. All rights reserved.\n") == {}
    assert patients(f"LONDON (Reuters) - {story}To unsubscribe from this list, visit the list archive.\n") == {}
    # without the marks of publication, the same words name their person
    assert patients(OBITUARY.split("\n\n")[1])
    # a patient's death told in a note: a service's copyright line and mailing list are no news's marks
    assert patients("Mr Tom Example died of aspiration pneumonia on Ward 3 last night. Family informed.\n\n"
                    "\u00a9 2024 Example Reminders Ltd\nYou are on our mailing list\n")
    # ... nor a period of work's years, nor "By" and a day
    assert patients("Audit (2019-2022)\nMr Tom Example died of aspiration pneumonia on Ward 3.\nCopyright 2024 X\n")
    assert patients("By Friday Please\nMr Tom Example died of aspiration pneumonia on Ward 3.\nCopyright 2024 X\n")


# Health in shorthand led by the person it is about: a letter's reader named in its greeting
# and told of their own health, a note's line led by a name, a line introducing a person's
# care below it, a child named with their school year or nursery room, a maternity note.
LED_BY_NAME = [
    "Dear Jordan Example,\n\nThank you for testing with us on 6 October.\n\nYour swab showed chlamydia. We have sent "
    "a prescription for doxycycline 100mg to your pharmacy.",
    "Dear Mr Oduya,\n\nDr Bell has reviewed your blood tests from 8 October. Your HbA1c is 52 mmol/mol, which is in "
    "the diabetes range.",
    "Hi Kasia Example, your chlamydia test from 28/11 was positive. Treatment is doxycycline 100mg.",
    "Dear Mrs Example,\n\nI am sorry to tell you that you have been diagnosed with breast cancer.",
    "Outcomes from Thursday's colorectal MDT:\n\nMr Desmond Example - rectal adenocarcinoma, MRI T2N0, 8cm from AV. "
    "Outcome: proceed to TME surgery.",
    "Two new referrals:\n\nJoan Example, Grange Farm Cottage, Kirkby - metastatic pancreatic cancer, prognosis days\n",
    "Dear Nurses,\n\nPlease make these changes for Mr Stanley Example (Room 12):\n\nSTOP: donepezil (nightmares)\n"
    "START: memantine 5mg OD\n",
    "Further to our call about Tyler-James Example (Caterpillars room, aged 2). I share your concern about the "
    "bruising to his upper arms.\n\nI have made a referral to Children's Social Care today.",
    "Aisha Example (Year 4) has coeliac disease and needs a gluten-free lunch.",
    "Her booking details:\n\nAmira Example, G3 P2 (2 x SVD), EDD 14/11/2025 by dating scan\n"
    "BMI 36, gestational diabetes diagnosed at 28/40, on metformin 500mg BD\n",
]


@pytest.mark.parametrize("text", LED_BY_NAME)
def test_health_in_shorthand_led_by_the_persons_name(text: str) -> None:
    assert patients(text) == {"patient_name": 1}, text


LED_BY_NAME_TWINS = [
    "Dear Mr Oduya, your invoice for the diabetes conference is attached.",
    "Dear Dr Bell, your referral guidance on diabetes was very helpful and the results were good.",  # a colleague
    "Dear colleague, your flu jab is due; the results of the flu vaccine audit showed diabetes clinics took part.",
    "Hi Marcus, your HIV test came back reactive.",  # a given name alone identifies no one
    "Mr Desmond Example - consultant colorectal surgeon, MDT lead for rectal cancer",
    "Dr Xavier Example - oncology - annual leave",
    "Please deliver to Stoma Care Office, ask for Paula Example:\n20 x convex drainable ileostomy bags 25mm\n",
    "Aisha Example (Year 4) won the science prize for her poster on diabetes; the assembly was on healthy eating.",
    "Amira Example, G3 P2 leads the maternity governance meeting.",
    # a list's introduction says whose: students' placements, staff signed off
    "Spring allocations:\n\nRyan Example (06/01/2027 - 28/02/2027) - Ward 5 Acute Adult Mental Health\n"
    "Chloe Example (06/01/2027 - 28/02/2027) - Early Intervention in Psychosis\n",
    "Peer vaccinators signed off under the flu PGD:\n\n1. Mary Example - Renal Dialysis Unit\n"
    "2. Mohammed Example - Older People's Mental Health\n",
    # what a service does for people in general
    "Jo Example - stem cell transplants for people with blood cancer\n",
]


@pytest.mark.parametrize("text", LED_BY_NAME_TWINS)
def test_shorthand_led_by_a_name_twins_name_no_patient(text: str) -> None:
    assert patients(text) == {}, text


def _message_patients(*segments: tuple[str, str]) -> bool:
    from dlpgate.detectors import health_terms
    from dlpgate.types import DetectorContext, ParsedMessage, Segment
    from tests.detectors.test_health_terms import CONFIG

    detector = health_terms.build(health_terms.DEFAULTS, DetectorContext(config_dir=CONFIG))
    msg = ParsedMessage(segments=tuple(Segment(text, where) for where, text in segments))
    return any(f.kind == "patient_identifier" for f in detector.detect(msg))


def test_a_subject_that_is_only_a_name_and_their_health() -> None:
    """"Re: John Example - positive for MRSA" over a short body: a note about that person; a
    topic, a member of staff's work or a long body's subject is not."""
    short = "Hi Alison,\n\nYes that's right, see below. Decolonisation pack is going with him.\n\nThanks\nIPC Team"
    assert _message_patients(("subject", "Re: John Example - positive for MRSA"), ("message body", short))
    assert _message_patients(("subject", "Brenda Example - Ward 9 - dementia, needs EMI placement"),
                             ("message body", "Hi, see subject, can we get an assessment this week please."))
    assert _message_patients(("subject", "JAMES EXAMPLE - HIV clinic letter"), ("message body", short))
    assert not _message_patients(("subject", "John Example - MRSA screening training slides"), ("message body", short))
    assert not _message_patients(("subject", "Dr John Example - MRSA"), ("message body", short))
    assert not _message_patients(("subject", "John Example - Diabetes Specialist Nurse"), ("message body", short))
    assert not _message_patients(("subject", "Re: John Example - positive for MRSA"), ("message body", short * 30))


def test_a_file_named_by_a_person_and_a_date() -> None:
    """A record system's export of a patient's document: a name and a past date DDMMYYYY in
    its file name, with health in the name or the file; a board's minutes are no one's."""
    name = "file name of attachment Example_Jane_12031961_MRI_head_report.txt"
    assert _message_patients((name, "Example Jane 12031961 MRI head report.txt"),
                             ("attachment Example_Jane_12031961_MRI_head_report.txt", "No acute abnormality."))
    assert _message_patients(("file name of attachment x.txt", "Example Jane 12031961 letter.txt"),
                             ("attachment x.txt", "She has type 2 diabetes."))
    assert not _message_patients(("file name of attachment m.pdf", "Minutes Board 12032024 cancer strategy.pdf"),
                                 ("attachment m.pdf", "The board discussed the cancer strategy."))
    assert not _message_patients(("file name of attachment x.txt", "Example Jane 12031961 letter.txt"),
                                 ("attachment x.txt", "Thank you for the reference."))
    assert not _message_patients(("file name of attachment x.txt", "Example Jane 31022061 MRI.txt"))


def test_a_file_named_by_a_person_and_a_paper_of_their_care() -> None:
    """A letter or a report named for its patient ("Khan A - discharge letter.pdf": a family name
    and an initial, or a given and a family name) whose own pages speak of health; a template,
    a part's letter ("Appendix A"), or a file whose text is no one's health is not."""
    page = "DISCHARGE SUMMARY\nAdmitted 01/11/2026 with community acquired pneumonia.\nTreated with IV co-amoxiclav."

    def named(file_name: str, text: str = page) -> bool:
        where = f"attachment {file_name}"
        return _message_patients(("message body", "Hi, please see attached as requested."),
                                 (f"file name of {where}", name_as_words(file_name)), (f"{where}, page 1", text))

    assert named("Khan A - discharge letter.pdf")
    assert named("Jane Example - MRI report.pdf")
    assert named("MRI report - EXAMPLE, Jane.pdf")
    assert named("Mrs J Example referral.docx")
    assert not named("Appendix A - discharge letter.pdf")
    assert not named("Khan A - discharge letter template.docx")
    assert not named("Patient A - discharge summary.pdf")
    assert not named("Jane Example CV.pdf", "Five years on a stroke unit.")
    assert not named("Khan A - discharge letter.pdf", "Thank you for the reference for the discharge coordinator post.")


def test_a_workbooks_sheets_titled_with_their_persons_names() -> None:
    """One sheet a resident's, titled with their name (a care home's MAR charts), over a
    clinical column whose cells speak of health; a blank template's or a staff member's
    sheet of courses is no one's."""
    from dlpgate.detectors import health_terms
    from dlpgate.types import DetectorContext, ParsedMessage, Segment
    from tests.detectors.test_health_terms import CONFIG

    detector = health_terms.build(health_terms.DEFAULTS, DetectorContext(config_dir=CONFIG))

    def held(*sheets: tuple[str, str]) -> bool:
        msg = ParsedMessage(segments=(Segment("Hi, charts attached.", "message body"),) + tuple(
            Segment(text, f"attachment MAR.xlsx, sheet {title}", tabular=True) for title, text in sheets))
        return any(f.kind == "patient_identifier" for f in detector.detect(msg))

    mar = "Medication\tDose\tRoute\t08:00\tIndication\nLevetiracetam\t500mg\tPO\tX\tEpilepsy\n"
    assert held(("Ethel Example", mar))
    assert held(("Mrs Ethel Example", mar), ("Percy Example", "Medication\tDose\nInsulin glargine\t18 units\n"))
    assert not held(("Resident 1", mar))
    assert not held(("Ethel Example", "Course\tDate\tStatus\nDementia awareness\t01/02/2026\tPassed\n"))
    assert not held(("Ethel Example", "Medication\tDose\tIndication\n"))


def test_a_note_in_a_cell_of_a_sheet_is_read_as_prose() -> None:
    """A call log's wrap-up note naming a patient and their health, its row's time and
    numbers in cells beside it; a rota's or a training record's cells name no patient."""
    calls = ("Date\tTime\tFrom\tAgent\tWrap-up note\n02/12/2026\t09:24\t07700 900317\tCD\tappt query\n"
             "02/12/2026\t11:42\t07700 900456\tAB\tMrs Aisha Example called - chemo cycle 3 delayed, neutrophils low, "
             "wants callback from oncology nurse\n02/12/2026\t15:08\t07700 900031\tCD\ttransferred\n")
    assert patients(calls, tabular=True)
    csv_calls = ('Date,Time,Note\n02/12/2026,11:42,"Mrs Aisha Example called - chemo cycle 3 delayed, neutrophils low"\n'
                 "02/12/2026,12:00,no answer\n")
    assert patients(csv_calls, tabular=True)
    assert not patients("Date\tName\tDuty\n02/12/2026\tJane Example\tJane Example - diabetes clinic all day\n"
                        "03/12/2026\tTom Example\tTom Example on stroke call\n", tabular=True)
    assert not patients("Date\tNote\n02/12/2026\tJane Example off sick with flu, back Monday\n", tabular=True)
    assert not patients("Name\tCourse\tStatus\nJane Example\tDementia awareness\tCompleted\n", tabular=True)
    # a session grid's cells name surgeons and their lists
    assert not patients("Theatre\tMon AM\tMon PM\tTue AM\nTh 1\tMr Lau (cataract)\tMrs Daly - gynae oncology\t"
                        "Mr Lau (cataract)\nTh 2\tMs Jane Example - hip replacement\tMr Obi - breast cancer\t"
                        "Mr Obi - mastectomy\n", tabular=True)


def test_clinical_shorthand_terms() -> None:
    assert terms("he has progressive MS and a grade 2 sacral sore; PEG fed, nil by mouth") == {"general": 4}
    assert terms("Ms Example will chair; the MS Teams link is below") == {}


def test_an_employees_record_in_an_occupational_health_referral_is_theirs_to_protect() -> None:
    record = ("Employee name: Terence Example\nDate of birth: 11/09/1971\nAssignment number: 30418822\nBand: 5\n\n"
              "Reason for referral: absent since 2 October with lower back pain and sciatica. GP has started him on sertraline.\n")
    # an employee's record is no patient's, until an occupational health referral says what is wrong with them
    assert patients(record.replace("Reason for referral: ", "")) == {}
    assert patients("Occupational Health Management Referral\n\n" + record) == {"dob": 1}


ABSENCE = ("Absence notification\n\nName: Paula Example\nDOB: 03/09/1984\nPayroll no: 4471203\n"
           "Reason for absence: stress and anxiety (fit note attached)\nFirst day of absence: 12/05/2025\n")


def test_an_employees_own_absence_notification_is_no_patients_record() -> None:
    # an absence notification beside the employee's pay number is HR's record: no date of birth
    # of a patient, but the condition its reason names is the employee's own health
    assert patients(ABSENCE) == {"patient_name": 1}
    assert patients(ABSENCE.replace("stress and anxiety (fit note attached)", "annual leave")) == {}
    # ... not without the number, nor in an occupational health referral or an absence review
    assert patients(ABSENCE.replace("Payroll no: 4471203\n", "")) == {"dob": 1}
    assert patients("Occupational Health Management Referral\n\n" + ABSENCE) == {"dob": 1}
    assert patients(ABSENCE.replace("Absence notification", "Sickness absence review meeting")) == {"dob": 1}
    # a pupil's absence is no employee's
    assert patients("Name: Chloe Example\nDOB: 03/09/2011\nDepartment: Year 9\nReason for absence: asthma attack\n") == {
        "dob": 1}


EPP_CHECKS = (
    "Dear Marcus,\n\nBelow are the checks we still need before we can agree a start date.\n\n"
    "Candidate: Marcus Example\nDate of birth: 18/04/1990\nApplicant ID: 6127759\nPost: Theatre Practitioner, Band 5\n\n"
    "Outstanding:\n[ ] Second reference\n[ ] Occupational health clearance. {oh}\n[x] DBS (enhanced) - cleared\n"
)
EPP_REQUIRED = ("As this is an exposure-prone procedure (EPP) role, OH will need to see evidence of hepatitis B immunity"
                " and identified validated sample (IVS) results for hepatitis B, hepatitis C and HIV. Please upload any"
                " vaccination records you hold to Cohort before your OH appointment.")


def test_a_recruiters_checklist_naming_the_tests_a_role_needs_is_no_health_record() -> None:
    # occupational health named as a step of recruitment: the tests an EPP role needs, not what they found
    assert patients(EPP_CHECKS.format(oh=EPP_REQUIRED)) == {}
    assert patients(EPP_CHECKS.format(oh="Please book your OH appointment; OH will contact you about your vaccinations.")) == {}


@pytest.mark.parametrize("found", [
    "Your hepatitis B surface antibody was 8 IU/L, non-immune, so a booster is needed before you start.",
    "Your IVS results were reactive for hepatitis C; OH will contact you before your OH appointment.",
    "OH have advised adjustments after you declared epilepsy at your OH appointment.",
])
def test_what_occupational_health_found_of_a_candidate_is_their_health(found: str) -> None:
    assert patients(EPP_CHECKS.format(oh=found)) == {"dob": 1}


# A private person's own mailbox (a webmail or ISP address, no role's local part) beside their health.
MAILBOX_ROWS = [
    # a delimited export, the address first
    "email;service;next appt\nmo.example91@gmail.com;Memory clinic;03/07\nbarbara_sample@yahoo.co.uk;Memory clinic;04/07\n",
    # a reply quoting a table's rows, the address between a name and a diagnosis
    "> Karen Example | karen.example@btinternet.com | bipolar disorder\n> Owen Sample | owensample77@sky.com | schizophrenia\n",
    # addresses alone with a clinic and a date: the name is in the local part
    "Bounced:\n\nk.example.home@gmail.com - GUM clinic 14/06\ntomsample.1980@hotmail.co.uk - Termination of pregnancy 15/06\n",
    # names, addresses in angle brackets, and what each has
    "They asked to be put in touch:\n\nLiz Example <lizexample@aol.com> - endometriosis\n"
    "Raj Sample <raj.sample@virginmedia.com> - infertility (male factor)\n",
]
MAILBOX_ROW_TWINS = [
    # a staff contact list: job titles, lower case too, and a course's delegates
    "Contacts for the diabetes day:\nJane Example - Diabetes Specialist Nurse - jane.example@gmail.com\n"
    "Tom Sample - stroke physio - tom.sample@hotmail.com\nAmy Example, HIV peer mentor, amyex@gmail.com\n",
    "Delegates on the HIV awareness course:\nAnn Example ann.example@gmail.com - HIV awareness module 1\n"
    "Bob Sample bob.sample@hotmail.com - HIV awareness module 1\n",
    "Cover for the HIV clinic:\nann.example@gmail.com - HIV clinic rota Mon\nbob.sample@hotmail.com - HIV clinic rota Tue\n",
    # groups' own mailboxes at webmail domains: no member named
    "Living with HIV? Contact the support group at hivpeers@gmail.com or the diabetes group at "
    "diabetes.buddies@hotmail.co.uk.\nCancer support: macmillan.friends@gmail.com",
    "For help with HIV, email hivpeers@gmail.com\nFor help with diabetes, email diabetesgroup@gmail.com\n",
    # one person's own address: a sign-off, a line alone, a partner's
    "Thanks for your help with my HIV clinic appointment.\n\nKind regards\nJane Example\njane.example77@gmail.com",
    "jane.cooper84@gmail.com - Colposcopy 22/05",
    "Hi, my husband's email is john.example@gmail.com, please send the IVF consent forms to both of us.\n\nJane",
    # a mailing list's footer; organisations' addresses beside the services they run
    "Re: diabetes research update\n\n--\nDiabetes-discuss mailing list\ndiabetes-discuss@googlegroups.com\n"
    "To unsubscribe: diabetes-discuss+unsubscribe@googlegroups.com",
    "Our clinic contacts are:\ns.ahmed@nhs.net - adult diabetes clinic\nsales@medequip.example.co.uk - insulin pump supplies\n",
]


@pytest.mark.parametrize("text", MAILBOX_ROWS)
def test_rows_that_pair_a_private_mailbox_with_health(text: str) -> None:
    assert patients(text) == {"contact": 2}, text


@pytest.mark.parametrize("text", MAILBOX_ROW_TWINS)
def test_staff_groups_and_ones_own_mailbox_beside_health_name_no_patient(text: str) -> None:
    assert patients(text) == {}, text


def test_a_spreadsheets_rows_of_names_mailboxes_and_a_clinic() -> None:
    sheet = ("Name\tEmail\tService\nAlys Example\talys.example@gmail.com\tPrEP clinic\n"
             "Dev Sample\tdsample@hotmail.co.uk\tPrEP clinic\nMo Example\tmo.example@icloud.com\tPrEP clinic\n")
    assert patients(sheet, tabular=True) == {"contact": 3}
    assert patients(sheet.replace("@gmail.com", "@example-trust.nhs.uk").replace("@hotmail.co.uk", "@nhs.net")
                    .replace("@icloud.com", "@nhs.net"), tabular=True) == {}


def test_mailboxes_listed_under_a_line_that_says_the_patients_health() -> None:
    listed = ("Hello,\n\nThe following patients were referred to the eating disorders service last week; please "
              "send them the welcome pack:\n\nAnna Example - annaex02@gmail.com\nBeth Sample - bethsample@hotmail.co.uk\n"
              "Cara Example <cara.example@yahoo.com>\n")
    assert patients(listed) == {"contact": 3}
    # members of a patients' group at a workshop, a team's list, a single address: no one's health
    assert patients("These Patient Participation Group members have signed up for the dementia awareness session:"
                    "\n\nann.example@gmail.com\nbob.sample@hotmail.com\n") == {}
    assert patients("Our dementia team volunteers:\n\nann.example@gmail.com\nbob.sample@hotmail.com\n") == {}
    assert patients("The patient below was referred to the eating disorders service:\n\nannaex02@gmail.com\n") == {}


def test_an_organisations_name_or_a_course_for_patients_does_not_make_a_list_an_events() -> None:
    rows = ("Keiran Example keiran81@yahoo.co.uk heart failure\nTerry Sample terrysample85@btinternet.com angina\n"
            "Lowri Example lowri_ex@icloud.com heart failure\n")
    for heading in ("Cardiac Rehabilitation - Attendance Register\nExample Teaching Hospitals NHS Trust - circuit class\n",
                    "Leeds Teaching Hospitals NHS Trust\nCardiac rehab register\n"):
        assert patients(heading + rows) == {"contact": 3}, heading
    # an event's programme, a teaching session's list: its speakers' talks
    assert patients("Teaching programme - speakers:\n" + rows) == {}
    assert patients("Workshop programme:\n" + rows) == {}
    # ... unless it says the list is of patients
    assert patients("Our education programme for people with heart disease - who is booked:\n" + rows) == {"contact": 3}


PRIVATE_GROUP = ["yates.owain25@hotmail.com", "valerie.chaudhry@aol.com", "nwosu.h4@virginmedia.com",
                 "grealish.emre64@talktalk.net", "mensah.leon63@googlemail.com"]


def listed_group(said: str, between: str = "", subject: str = "", sheet: str = "") -> dict[str, int]:
    from dlpgate.detectors import health_terms
    from dlpgate.types import DetectorContext, ParsedMessage, Segment
    from tests.detectors.test_health_terms import CONFIG

    detector = health_terms.build(health_terms.DEFAULTS, DetectorContext(config_dir=CONFIG))
    segments = [Segment(subject, "subject")] if subject else []
    if sheet:
        segments += [Segment(f"{sheet}\nNotes", "attachment list.xlsx, tab names"),
                     Segment("Email\n" + "\n".join(PRIVATE_GROUP) + "\n", f"attachment list.xlsx, sheet {sheet}", True)]
    segments.append(Segment(said, "message body"))
    found: dict[str, int] = {}
    for f in detector.detect(ParsedMessage(segments=tuple(segments), to=("marcus@charity.example.org.uk",))):
        if f.kind == "patient_identifier":
            found[f.category] = found.get(f.category, 0) + f.count
    return found


def test_a_list_of_private_mailboxes_whose_group_the_message_says_is_of_health() -> None:
    """Private people's mailboxes listed together (a line of them, a table's rows, a greeting)
    when the lines introducing them, or the message's subject or sheet, say the group's health."""
    line = "Attendees: " + "; ".join(PRIVATE_GROUP)
    table = "First Name\tEmail\tStatus\n" + "".join(f"P{i}\t{a}\tApproved\n" for i, a in enumerate(PRIVATE_GROUP))
    greeting = "Dear " + "; ".join(f"P{i} <{a}>" for i, a in enumerate(PRIVATE_GROUP)) + "\n\nYour place is confirmed."
    assert listed_group("Here are the joining details for the heart failure class.\n\nThursday 11:00\n"
                        + line) == {"contact": 5}
    assert listed_group("Here's the registrant list for the newly diagnosed HIV group so you can send them the peer"
                        " mentor leaflet.\n\n" + table) == {"contact": 5}
    assert listed_group(greeting + " See you on Monday.", subject="Living Well with HIV - your place is confirmed"
                        ) == {"contact": 5}
    assert listed_group("Hello, the list for the autumn issue.", sheet="HIV clinic newsletter") == {"contact": 5}
    # the health of the message said of no list: a list of staff, a course's delegates, an event's
    # speakers, volunteers; too few; a subject of no health
    assert listed_group("Our HIV clinic nurses:\n\n" + line) == {}
    assert listed_group("Delegates for the diabetes course:\n\n" + table) == {}
    assert listed_group("Speakers for the dementia conference:\n" + line) == {}
    assert listed_group("Our diabetes volunteers:\n\n" + line) == {}
    assert listed_group("Dear " + "; ".join(PRIVATE_GROUP[:3]), subject="HIV support group") == {}
    assert listed_group(greeting, subject="Fun run - your place is confirmed") == {}
    assert listed_group("\n".join(f"{a} - Diabetes Specialist Nurse" for a in PRIVATE_GROUP),
                        subject="Diabetes network contacts") == {}


def test_training_for_patients_is_theirs_not_a_staff_record() -> None:
    header = ("From: Drug Service <cdas@example-trust.nhs.uk>\nSent: Mon\nTo: " + "; ".join(PRIVATE_GROUP)
              + "\nSubject: Naloxone training drop-in\n\n")
    assert patients(header + "A reminder that our naloxone training for people on our opiate substitution programme"
                    " is on Friday.") == {"contact": 5}
    assert patients(header + "A reminder that your naloxone training module is on Friday.") == {}


FORWARDED_GROUPS = [
    # Outlook's forward: the group's subject under its To
    "Can you set these up as a list?\n\n________________________________\nFrom: Okoro, Ada <ada.okoro@example-trust.nhs.uk>\n"
    "Sent: 03 June 2024 10:12\nTo: Price, Lea <lea_price@gmail.com>; Sutton, Bil <bilsutton71@btinternet.com>; "
    "Marsh, Yas <ymarsh@hotmail.com>\nSubject: Smoking cessation group - June\n\nDear all, see you Tuesday.",
    # Gmail's forward: To after the Subject; the group's health said in its text
    "---------- Forwarded message ---------\nFrom: Clinic Admin <clinic.admin@example-trust.nhs.uk>\n"
    "Date: Mon, 3 Jun 2024 at 10:12\nSubject: Thursday\nTo: <petra.example@gmail.com>, <g.sample55@hotmail.co.uk>\n\n"
    "Dear all, the bipolar disorder peer support group meets on Thursday at 7pm.",
]
FORWARDED_GROUP_TWINS = [
    # a patient's own mail quoted in the reply to them; a staff list; organisations
    "On Mon, Jane Example <jane.example@gmail.com> wrote:\n> From: Jane Example <jane.example@gmail.com>\n> Sent: 3 June\n"
    "> To: clinic@example-trust.nhs.uk\n> Subject: my HIV test results\n",
    "From: Comms <comms@example-trust.nhs.uk>\nSent: 3 June\nTo: All Staff <allstaff@example-trust.nhs.uk>\n"
    "Subject: Dementia awareness week\n",
    "From: A <a@example-trust.nhs.uk>\nSent: Mon\nTo: info@diabetes.example.org.uk; hivpeers@gmail.com\n"
    "Subject: HIV support group funding\n",
    # private people, but the subject and text are no one's health: a staff rota, a fun run
    "From: A <a@example-trust.nhs.uk>\nSent: Mon\nTo: ann.example@gmail.com; bob.sample@hotmail.com\n"
    "Subject: HIV clinic rota - June\n\nPlease check your shifts.",
    "From: A <a@example-trust.nhs.uk>\nSent: Mon\nTo: ann.example@gmail.com; bob.sample@hotmail.com\n"
    "Subject: Fun run - Sunday\n\nSee you at the start line.",
]


@pytest.mark.parametrize("text", FORWARDED_GROUPS)
def test_a_forwarded_headers_to_shows_the_members_of_a_health_group(text: str) -> None:
    assert patients(text).get("contact", 0) >= 2, text


@pytest.mark.parametrize("text", FORWARDED_GROUP_TWINS)
def test_a_forwarded_header_that_shows_no_health_groups_members(text: str) -> None:
    assert patients(text) == {}, text


# A private person's own message quoted in a forward or a reply, speaking of their own health,
# or whose forwarder says it of them above it: the person is known by their mailbox.
QUOTED_OWN = [
    "Hi Jo, forwarding as discussed \u2013 can your team pick this up?\n\nRachel\n\n-----Original Message-----\n"
    "From: Siobhan Example <siobhan.example@gmail.com>\nSent: 02 November 2026 19:12\n"
    "To: Pugh Rachel <rachel.pugh@example-trust.nhs.uk>\nSubject: my bloods\n\nHi Rachel, the GP said my HbA1c "
    "was 68 and they want to put the metformin up. What should I do?\n\nSiobhan",
    "Dear colleagues, please could you see this lady sooner? Quoted below.\n\nDr K Example\n\n"
    "On Mon, 2 Nov 2026 at 21:03, Fatima Example <fatima.ex84@hotmail.co.uk> wrote:\n> Dear Dr Example\n"
    "> I've been having chest pains again since starting the new tablets, mostly at night.\n> Fatima",
    "Could you see this gentleman? He has had chest pains for a week.\n\nOn Mon, 2 Nov 2026 at 21:03, Bob Example "
    "<bob.example@gmail.com> wrote:\n> Dear Doctor, can I have an appointment sooner please?",
]
QUOTED_OWN_TWINS = [
    # a colleague's mail: their work mailbox, a job signed under it, a duty, their own absence
    "FYI\n\nOn Mon, 2 Nov 2026, Jane Example <jane.example@example-trust.nhs.uk> wrote:\n> I have had chest pains.",
    "Fwd below\n\nFrom: Jane Example <jane.example77@gmail.com>\nSent: 02 November 2026\nSubject: Monday\n\n"
    "I've got the diabetes clinic on Monday, can you swap?\n\nJane\nStaff Nurse",
    "On Mon, 2 Nov 2026, Bob Example <bob.example@gmail.com> wrote:\n> I've got flu so won't be in for my shift.",
    # another's health, the writer's work, a fundraiser's
    "On Mon, 2 Nov 2026, Bob Example <bob.example@gmail.com> wrote:\n> I have a patient with diabetes to discuss.",
    "On Mon, 2 Nov 2026, Bob Example <bob.example@gmail.com> wrote:\n> I have been reading about diabetes research.",
    "On Mon, 2 Nov 2026, Bob Example <bob.example@gmail.com> wrote:\n> I am running the marathon for Cancer Research "
    "UK in memory of my dad.",
    "Please see below from Priya, she has a background in stroke rehabilitation.\n\nOn Mon, 2 Nov 2026, Priya "
    "Example <priya.example@gmail.com> wrote:\n> Dear Sir, please find my CV attached.",
]


@pytest.mark.parametrize("text", QUOTED_OWN)
def test_a_private_persons_own_message_quoted_with_their_health(text: str) -> None:
    assert patients(text) == {"contact": 1}, text


@pytest.mark.parametrize("text", QUOTED_OWN_TWINS)
def test_a_quoted_colleague_or_no_health_of_the_writers_own_names_no_patient(text: str) -> None:
    assert patients(text) == {}, text


def test_a_quoted_persons_own_message_sent_back_to_them_tells_no_one_else() -> None:
    from dlpgate.detectors import health_terms
    from dlpgate.types import DetectorContext, ParsedMessage, Segment
    from tests.detectors.test_health_terms import CONFIG

    detector = health_terms.build(health_terms.DEFAULTS, DetectorContext(config_dir=CONFIG))
    body = QUOTED_OWN[1]
    told = ParsedMessage(segments=(Segment(body, "message body"),), to=("cardiology@clinic.example.co.uk",))
    own = ParsedMessage(segments=(Segment(body, "message body"),), to=("Fatima.Ex84@hotmail.co.uk",))
    assert any(f.kind == "patient_identifier" for f in detector.detect(told))
    assert not any(f.kind == "patient_identifier" for f in detector.detect(own))


def test_a_reply_to_a_group_quoting_one_members_own_health_tells_the_others() -> None:
    """A reply to several private people that quotes one of them speaking of their own health
    tells the rest; sent back to them alone, or with one other (a relative), it tells no group."""
    from dlpgate.detectors import health_terms
    from dlpgate.types import DetectorContext, ParsedMessage, Segment
    from tests.detectors.test_health_terms import CONFIG

    detector = health_terms.build(health_terms.DEFAULTS, DetectorContext(config_dir=CONFIG))
    body = ("Thanks all, the sign-up sheet for the walking group is attached.\n\nCommunity Team\n\n"
            "On Tue, 1 Dec 2026 at 19:02, Ruth Example <ruth.example61@gmail.com> wrote:\n"
            "> Count me in, though I should say my heart failure has been worse since October so I may be slow.\n")
    group = ("ruth.example61@gmail.com", "a.walker@gmail.com", "b.walker@yahoo.co.uk", "c.walker@hotmail.com")
    for to, held in ((group, True), (group[:1], False), (group[:2], False)):
        message = ParsedMessage(segments=(Segment(body, "message body"),), to=to,
                                from_=("community.team@example-trust.nhs.uk",))
        assert any(f.kind == "patient_identifier" for f in detector.detect(message)) is held, to


def test_a_quoted_persons_results_heard_back_from_clinic_are_their_own() -> None:
    assert patients("From: Ruth Example <ruth.example61@gmail.com>\nSent: 1 Dec\nTo: Group <group@example-trust.nhs.uk>"
                    "\nSubject: Re: Thursday\n\nGot my letter back from\nclinic this morning - HbA1c down to 52, really "
                    "pleased.\n") == {"contact": 1}


def test_the_messages_own_readers_are_not_others_told_of() -> None:
    """Mail to the people it lists (a couple written to about their own care) tells no one else."""
    from dlpgate.detectors import health_terms
    from dlpgate.types import DetectorContext, ParsedMessage, Segment
    from tests.detectors.test_health_terms import CONFIG

    detector = health_terms.build(health_terms.DEFAULTS, DetectorContext(config_dir=CONFIG))
    body = ("From: Fertility Unit <fertility@example-trust.nhs.uk>\nSent: Mon\n"
            "To: jo.example@gmail.com; sam.example@hotmail.com\nSubject: Your IVF cycle\n\nDear both, ...")
    told = ParsedMessage(segments=(Segment(body, "message body"),), to=("lab@example-lab.co.uk",))
    own = ParsedMessage(segments=(Segment(body, "message body"),), to=("Jo.Example@gmail.com", "sam.example@hotmail.com"))
    assert any(f.kind == "patient_identifier" for f in detector.detect(told))
    assert not any(f.kind == "patient_identifier" for f in detector.detect(own))


def test_an_attached_message_written_to_the_members_of_a_health_group() -> None:
    """A message forwarded as an attachment shows whom it was written to: the members of an HIV
    peer support group, told by its subject; its own findings say how many, never who."""
    from dlpgate.detectors import health_terms
    from dlpgate.mime import parse
    from dlpgate.types import DetectorContext
    from tests.detectors.test_health_terms import CONFIG

    detector = health_terms.build(health_terms.DEFAULTS, DetectorContext(config_dir=CONFIG))

    def raw(subject: str, to: str) -> bytes:
        return (
            "From: Ruth <ruth@example-trust.nhs.uk>\nTo: Jo <jo@comms.example.org.uk>\nSubject: Fwd: group mail\n"
            'MIME-Version: 1.0\nContent-Type: multipart/mixed; boundary="b"\n\n--b\nContent-Type: text/plain\n\n'
            "Forwarding the group mail as discussed.\n--b\nContent-Type: message/rfc822\n\n"
            f"From: Ruth <ruth@example-trust.nhs.uk>\nTo: {to}\nSubject: {subject}\n\nDear all, see you Thursday.\n--b--\n"
        ).encode()

    members = "Liam Example <liamex76@gmail.com>, Uma Sample <uma.sample@sky.com>, Ned Example <nedex@outlook.com>"
    message = parse(raw("HIV peer support group - Thursday", members))
    assert message.attached_recipients and message.attached_recipients[0].where == "attached message"
    found = [f for f in detector.detect(message) if f.kind == "patient_identifier"]
    assert [(f.where, f.count, f.category) for f in found] == [("attached message > header To", 3, "contact")]
    assert not any("@" in e for f in found for e in f.evidence)
    assert not any(f.kind == "patient_identifier" for f in detector.detect(parse(raw("Fun run - Thursday", members))))
    one = "Liam Example <liamex76@gmail.com>, Practice <reception@surgery.example.co.uk>"
    assert not any(f.kind == "patient_identifier" for f in detector.detect(parse(raw("HIV peer support group", one))))


# A person's health said of them by a pronoun further off: "his", "her" or "their" right before
# the health, or a verb whose subject ("he", "she", "they", first in the sentence) is left out
# after "and" or "but"; the person named in that sentence or the two before.
PRONOUN_FURTHER_OFF = [
    "I saw Margaret Example in the falls clinic this morning. She has had a further fall at home and her INR "
    "was 5.2, so we have held her warfarin for two days.",
    "Could you accept the transfer of Priya Example to your unit?\n\nThe histology is back. Her biopsy shows an "
    "invasive ductal carcinoma and she would like her surgery privately.",
    "Thanks for taking on Derek Example. He has been unsettled at night but is still on quetiapine 25mg.",
    "I visited Rosa Example at home today. She has had two falls this month and is now on warfarin.",
    "We discussed Tomasz Example at the huddle. Overnight his troponin rose to 900.",
    "Alex Example came to the endocrine clinic today and we went through their testosterone dose.",
    "I saw Alex Example today. The clinic was busy. They have been diagnosed with anorexia nervosa.",
    "Thanks for taking Alex Example on.\n\nThey have been diagnosed with anorexia nervosa.",
    # where in their body, in the term's sentence
    "Could you fit Nkechi Example in this week? Lump in her left breast found last Monday, GP has sent it as a "
    "2 week wait but your clinic has earlier slots.",
    "Can you see Tom Example on Friday? Pain in his right knee since the fall, ?septic arthritis.",
]
PRONOUN_FURTHER_OFF_TWINS = [
    # a clinician named last, the pronoun theirs; a member of staff's work on a health topic
    "Dr James Example will chair the session. He will then talk about his audit of amputation rates.",
    "Sarah Example joined the team in May. She presented her re-audit of sepsis six compliance in ED.",
    "Fiona Example from our diabetes team will be your contact. She has confirmed 45 delegates and her team will "
    "bring a projector.",
    "Dr Jane Example joined us in May. She has had two papers published and is now on the diabetes committee.",
    "Jane Example has been a wonderful volunteer. Her interest in dementia began years ago.",
    "Dr Nkechi Example is covering the clinic this week. Lump in her left breast clinic slots are full.",
    "Nkechi Example is on the rota this week. Pain in her back shift pattern is noted.",
    "Nkechi Example has a tattoo on her left arm for the stroke awareness week.",
    # "their" a group's: the last name two sentences back, in the paragraph before (a thing's name, too)
    "A good example would be Yoga/TM. Or Tai Chi etc. vs. Tai Bo.\n\nHaving found this while looking for something "
    "else, it has some cute truisms. I particularly like their addiction to non-addiction.",
]


@pytest.mark.parametrize("text", PRONOUN_FURTHER_OFF)
def test_health_said_of_a_named_person_by_a_pronoun_further_off(text: str) -> None:
    assert "patient_name" in patients(text), text


@pytest.mark.parametrize("text", PRONOUN_FURTHER_OFF_TWINS)
def test_a_pronoun_for_a_clinician_or_a_colleagues_work_names_no_patient(text: str) -> None:
    assert patients(text) == {}, text


# An untitled name and age, then what is wrong at once, as a note writes it (no verb); or a line
# introducing a child's care plan with their age in brackets, the conditions below it.
AGE_SHORTHAND = [
    "Steve - Ravi Example, 58, inferior STEMI Sunday, PCI to RCA, EF 40%. Wants his rehab with you.",
    "Quick one: Ada Example, 81, known COPD, on home oxygen, needs a nursing bed from Monday.",
    "Key points from the care plan for Ella Example (9), Year 4:\n\n- Anaphylaxis to peanuts\n"
    "- Asthma: blue inhaler before PE\n",
    "Please find the care summary for Noah Example (6):\n- epilepsy, buccal midazolam if seizure over 5 minutes\n",
]
AGE_SHORTHAND_TWINS = [
    "For the paper: Pat Example, 60, retires after 40 years on the stroke unit.",
    "Maureen Example, 64, is retiring after 40 years as a midwife at the maternity unit.",
    "Friends newsletter: meet Jane Example, 58, type 1 diabetic for 40 years, who now volunteers on our ward.",
    "Results from the Breast Cancer Awareness 5k:\n1. Tom Example 34M 18:22\n2. Ravi Example 58M 19:05\n",
    "Tasks for Jane Example (3):\n- book the diabetes teaching room\n",
]


@pytest.mark.parametrize("text", AGE_SHORTHAND)
def test_an_untitled_name_and_age_then_what_is_wrong_in_shorthand(text: str) -> None:
    assert "name_age" in patients(text), text


@pytest.mark.parametrize("text", AGE_SHORTHAND_TWINS)
def test_an_untitled_name_and_age_in_news_a_race_or_a_task_names_no_patient(text: str) -> None:
    assert patients(text) == {}, text


# A family name that is a place's word too, after a given name: the person's; a ward named
# for a person, and a drug that is a given name too, stay what they are.
@pytest.mark.parametrize("text", [
    "Just so you know, Liam Ward is on methadone 60ml daily, collected from Boots.",
    "Jo Hall has been diagnosed with epilepsy.",
    "I saw Amy House today. She has had two falls and is now on warfarin.",
])
def test_a_family_name_that_is_a_places_word_too(text: str) -> None:
    assert "patient_name" in patients(text), text


@pytest.mark.parametrize("text", [
    "Victoria Ward has had a norovirus outbreak and is closed to admissions.",
    "Elizabeth Ward has had three cases of C diff this month.",
    "Mary Seacole Ward has been treated for norovirus.",
    "The hospital's Ethel Example Dementia Garden is open to visitors from 9am to 5pm.",
    "The Mary Example Dementia Lounge reopens on Monday after the stroke unit's refit.",
    "Ward 7 is on the third floor; the diabetes clinic has moved.",
    "Mirena fitted today, Kyleena next week. Senna 15mg at night for the constipation.",
    "Stock check: Mirena Hall store 12 packs, Kyleena 4, Senna tablets 30.",
])
def test_a_ward_named_for_a_person_or_a_drug_named_like_one_is_no_patient(text: str) -> None:
    assert patients(text) == {}, text


def test_the_configured_webmail_list_is_the_one_patients_mailboxes_are_told_by(tmp_path) -> None:
    # An admin who adds a local ISP to the exposed-recipients detector's list of private
    # people's domains has it counted for patients' own mailboxes too: one list, one option.
    from dlpgate import config, pipeline
    from dlpgate.types import Envelope

    (tmp_path / "webmail.txt").write_text("gmail.com\nexample-isp.org.uk\n")
    rows = ("email;service;next appt\nmo.example91@example-isp.org.uk;Memory clinic;03/07\n"
            "barbara_sample@example-isp.org.uk;Memory clinic;04/07\n")
    raw = ("From: a@example-trust.nhs.uk\r\nTo: b@partner.example.org\r\nSubject: list\r\n\r\n" + rows).encode()
    env = Envelope("a@example-trust.nhs.uk", ("b@partner.example.org",))

    def identified(settings: dict) -> bool:
        engine = pipeline.build_engine(config.from_mapping(settings, str(tmp_path)))
        return any(f.kind == "patient_identifier" for f in pipeline.inspect(raw, env, engine).findings)

    assert not identified({})
    assert identified({"detectors": {"exposed_recipients": {"webmail_domains": "webmail.txt"}}})


# A member of staff's duty or their own sickness in a sentence with their name, and the
# patient the same words name where they say it is theirs.
@pytest.mark.parametrize(("text", "held"), [
    ("Nadia Example is on stroke call tonight, so bleep the registrar.", False),
    ("Nadia Example has urology clinic all afternoon.", False),
    ("Nadia Example is doing the cardiology list on Friday.", False),
    ("Nadia Example missed her urology clinic again.", True),
    ("Nadia Example is on the list for her cataract surgery on Friday.", True),
])
def test_a_staff_duty_is_no_patients_health(text: str, held: bool) -> None:
    assert bool(patients(text)) is held, text


# An organisation's word in capitals is no family name: "Example NHS Trust, Critical Care"
# on a supplier's report names a customer, not a patient "NHS Trust"; a family name that is
# such a word is still one before a given name.
@pytest.mark.parametrize(("text", "held"), [
    ("Customer: Example Hospitals NHS Trust, Critical Care\nEngineer: L. Petrov", False),
    ("Site: Example Community NHS Trust, Oncology\nVisit: 12/11/2026", False),
    ("Account: Example ICB, Diabetes Services", False),
    ("HALL, Jane has diabetes and is on insulin.", True),
    ("EXAMPLE Jane has diabetes and is on insulin.", True),
])
def test_an_organisations_word_in_capitals_is_no_family_name(text: str, held: bool) -> None:
    assert bool(patients(text)) is held, text


# A note quoted as it shows, its opening quotation mark first on the line: the name still
# leads the line, and the dash after it still says what is wrong with them.
@pytest.mark.parametrize("text", [
    'The screen displays\n>> "Marcus Example - HIV positive, CD4 180, on Biktarvy" for anyone walking past!',
    "It showed \u201cJoan Example - leg ulcer, dressings twice weekly\u201d on the public board.",
    '"Peter Example - COPD, home oxygen" was on the whiteboard by the lift.',
])
def test_a_note_quoted_as_it_shows_still_names_its_patient(text: str) -> None:
    assert patients(text), text


# A patient's everyday care as staff write it: a symptom, a fall, a device, a kind of
# medicine; a short form of a given name ("Kath", "Alf", "Steph") or a Welsh or Scottish one;
# a note's "Re:" before the name; a session or slot of theirs; what they said when they rang.
@pytest.mark.parametrize("text", [
    "Mrs Joan Example came in today. Her blood sugars have been high all week.",
    "Please visit Mr Tom Example on Friday. He has had a fall and hurt his hip.",
    "Mr Tom Example is constipated again, can the DN call.",
    "Mrs Brenda Example phoned to say she has run out of her inhalers.",
    "Spoke to Mr Colin Example's wife - he has been very breathless overnight.",
    "Mr Example (bed 4) is vomiting and can't keep his tablets down.",
    "Mr Harold Example has a catheter in situ, needs changing on the 14th.",
    "Mrs Iris Example is dehydrated, please encourage fluids.",
    "Alf Example had another fall at home last night, no injuries.",
    "Can we discuss Mr Dan Example on the huddle? Head strike overnight, on apixaban.",
    "Mrs Val Example (bay 3) is on neuro obs until 6am.",
    "Re: Wilf Example - bed sore on his heel, grade 2.",
    "Re: Kath Example - she has started on donepezil and is tolerating it well.",
    "Mr Kev Example's blood sugars were 22 this morning.",
    "Mr Dev Example missed his dialysis session on Monday and Wednesday.",
    "Mrs Amy Example's chemo slot has moved to Thursday.",
    "Mrs Joan Example rang this morning. She says her insulin pen is broken.",
    "Steph Example came in with her daughter today. She told me her chest pain is worse on exertion.",
    "Please add Mr Sunil Example to the warfarin clinic list for Thursday.",
    "Can you book Joan Example into the memory clinic next week?",
    "Dear Dr Example, thank you for seeing Mr Brian Example in the memory clinic. His MMSE today was 19/30.",
    "I saw Jane Example in the diabetes clinic today, she's doing well.",
    "Please note Mrs Example is allergic to penicillin.",
    "Mr Example needs a chaperone for his prostate exam next week.",
    "Dear Mr Example, your recent blood test showed your cholesterol is high. Please book a review.",
    "Resident update: Mr Len Example had a temperature of 38.5 overnight and a productive cough; GP called.",
])
def test_a_patients_everyday_care_as_staff_write_it(text: str) -> None:
    assert patients(text), text


# ... and the same words of work, stock, a service or the press: no patient's.
@pytest.mark.parametrize("text", [
    "Reminder: the falls prevention training for all staff is on Tuesday in the education centre.",
    "Please order 20 boxes of urinary catheters for the community stores.",
    "The catheter care study day is on 14 March; Harold Example will present.",
    "Please can Kev Example order more eye drops for the pharmacy stock room.",
    "Wilf Example from IT says the new falls dashboard is live.",
    "Our catheter and continence products catalogue is attached, call Dolly Example for pricing.",
    "I'll be off tomorrow with a vomiting bug, Jane Example will cover my clinics.",
    "Jo Example ran her diabetes sessions for staff today.",
    "Jo Example runs the dialysis sessions on Mondays.",
    "Mrs Joan Example spoke at the conference. She says her cancer changed her life.",
    "Dai Example told the Echo that his cancer treatment at the hospital was excellent.",
    "John Example told reporters that his cancer treatment was excellent.",
    "Thanks to Sarah Example for organising the blood sugar monitoring study day.",
    "Please add Sunil Example to the stroke clinic distribution list.",
    "Please add Jane Example to the diabetes clinic team channel.",
    "Please add Jane Example to the diabetes clinic rota for Thursday.",
    "Thanks for seeing Dr Jane Example in the diabetes clinic about the new pathway.",
    "We saw Jane Example in the diabetes team office to discuss the rota.",
    "I saw Jane Example in the canteen, she's doing the diabetes clinic this afternoon.",
    "Kieran Example will be running the type 1 diabetes education day for schools.",
    "Mrs Jane Example attended the dementia conference in Leeds.",
    "I'm allergic to Mondays, says Jane Example from payroll.",
    "Know your numbers: Jane Example, our Health Improvement Lead, explains high cholesterol.",
])
def test_care_words_of_work_stock_or_the_press_are_no_patients(text: str) -> None:
    assert patients(text) == {}, text


# A relative who writes ("this is Mrs Example's daughter") speaks of the named person as "Mum"
# or "she", whatever their own sex; a relative named after the word is whom "he" may mean.
@pytest.mark.parametrize(("text", "held"), [
    ("Hi, this is Mrs Example's daughter. Mum is due her dementia review but she's now on end of life care.", True),
    ("I'm Mrs Joan Example's son. My mum has dementia and needs more help at home.", True),
    ("Keisha Example's son Jayden has been excluded and the school nurse suspects he is using cannabis daily.", True),
    ("Spoke to Jane Example's daughter this afternoon, she has diabetes herself.", False),
    ("Hi, this is Jane Example's son. I'm writing about the invoice for the dementia care home.", False),
    ("Jane Example's son Tom is doing the diabetes clinic today - he is our new registrar.", False),
])
def test_a_relative_who_writes_or_is_named_speaks_of_the_named_person(text: str, held: bool) -> None:
    assert bool(patients(text)) is held, text


# A clinic's list named by its procedure or its unit ("your colonoscopy appointment at the
# Endoscopy Unit", "the endoscopy list"), and multiple sclerosis by its abbreviation where the
# words around make it the illness.
@pytest.mark.parametrize("text", [
    "This is a reminder of your colonoscopy appointment at the Endoscopy Unit on Monday. Times are:\n\n"
    "  09:00  Megan Example\n  09:20  Eleanor Example\n  09:40  Owen Example\n",
    "Morning cystoscopy list, Day Unit:\n08:30 Mrs Ann Example\n09:00 Mr Bob Example\n",
    "Janet Example was admitted on Sunday after a relapse of her MS.",
    "Mr Colin Example is on IV steroids for an MS relapse.",
])
def test_a_procedures_list_and_ms_as_the_illness(text: str) -> None:
    assert patients(text), text


@pytest.mark.parametrize("text", [
    "Endoscopy list - staffing for Monday:\n09:00 Megan Example\n09:20 Eleanor Example\n",
    "Diabetes unit away day programme:\n09:00 Megan Example - welcome\n09:20 Eleanor Example - insulin pumps\n",
    "Please install MS Teams before the session with Jane Example.",
    "Ms Relapse Example joined the team as a receptionist.",
])
def test_a_units_rota_and_ms_as_software_or_a_title(text: str) -> None:
    assert not patients(text), text


# A population's measure after a health term is a topic of work, however a meeting's action
# log wraps its lines: "the revised KPI template for HIV testing uptake".
@pytest.mark.parametrize("text", [
    "ACTIONS\n\n3. Ms Ellen Example (Council commissioner) - to circulate the revised KPI\ntemplate for HIV testing uptake.\n",
    "Jane Example will present the flu vaccine uptake figures for Ward 7.",
    "Mr Tom Example to report on chlamydia screening coverage in colleges.",
])
def test_a_populations_measure_is_no_ones_health(text: str) -> None:
    assert not patients(text), text


@pytest.mark.parametrize(("text", "held"), [
    # a clinician's verb with its subject before an untitled name: whom they saw, not a byline
    ("We reviewed Callum Sample in clinic today. His ankle fracture has healed and he can start physiotherapy.",
     True),
    ("I have reviewed Bethan Sample this afternoon. Her wound infection is settling on oral antibiotics.", True),
    # a byline or a document's reviewer stays the clinician
    ("Reviewed by Callum Sample in clinic today. His ankle fracture has healed and he can start physiotherapy.",
     False),
    ("Reviewed: Callum Sample. His team has updated the ankle fracture pathway.", False),
])
def test_a_verb_said_by_its_subject_before_a_name_is_no_byline(text: str, held: bool) -> None:
    assert bool(patients(text)) is held, text


@pytest.mark.parametrize(("text", "held"), [
    # an expert introduced by their work between commas, as news quotes one
    ('"They stop sleeping," said Mark Example, a 41-year-old psychiatrist who runs the Online Gambling Addiction '
     "Clinic in Leeds.", False),
    ("The report was written by Anna Example, a consultant epidemiologist at the Example Sepsis Research Unit.", False),
    # ... but a former job is no work of theirs now
    ("Mrs Edith Sample, a retired midwife, was admitted overnight with pneumonia.", True),
])
def test_a_persons_work_said_after_their_name_makes_the_sentence_theirs_at_work(text: str, held: bool) -> None:
    assert bool(patients(text)) is held, text
