"""Mail in the languages trusts translate letters into (Polish, Romanian, Spanish, Portuguese,
Lithuanian, Chinese; Arabic, Urdu and Bengali words of illness): a patient named with the
language's title, relation word or label beside their illness is held as English is; the same
languages' leaflets, recruitment letters and notices that name no one are not. A candidate's
number in a recruitment letter abroad is no NHS number."""

from __future__ import annotations

import pytest

from tests.detectors.test_health_terms import patients, terms
from tests.detectors.test_number_other_labels import held
from tests.synthetic import nhs_numbers

N = nhs_numbers(2, seed=4711, prefix_range=(600, 799))

WORDS = [
    # Polish, in the cases a sentence puts them in
    "ma cukrzycę od lat", "po zawale serca", "rak jajnika", "w śpiączce farmakologicznej", "zapalenie płuc",
    # Romanian, with cedilla and comma letters and without diacritics
    "insuficienţă cardiacă", "insuficiență cardiacă", "insuficienta cardiaca", "chimioterapie", "comă indusă",
    # Spanish and Portuguese
    "insuficiencia cardíaca", "quimioterapia", "cancro da mama", "fratura da anca", "demência",
    # Lithuanian
    "plaučių uždegimas", "vėžio", "apendektomija",
    # Chinese, inside a run of characters
    "她被诊断为肺癌", "开始化疗", "患有糖尿病多年", "心力衰竭",
    # Arabic, Urdu, Bengali
    "مرض السكري", "کینسر", "ক্যান্সার",
]


@pytest.mark.parametrize("text", WORDS)
def test_words_of_illness_in_community_languages_are_health_terms(text: str) -> None:
    assert terms(text), text


@pytest.mark.parametrize("text", ["Prosimy o przesłanie faktury", "Programul de recrutare", "会议在三楼举行",
                                  "una coma decimal", "sarcina de lucru"])
def test_ordinary_words_of_those_languages_are_not(text: str) -> None:
    assert not terms(text), text


HELD = [
    # a titled patient, their illness in the next sentences or the list below
    "Stimată doamnă Ionescu,\n\nVă scriem despre tatăl dumneavoastră, domnul Mihai Georgescu. Este internat pe "
    "secţia de cardiologie cu insuficienţă cardiacă şi pneumonie.",
    "Estimado colega:\n\nLe remito el informe de la Sra. Pilar Navarro Gil, que fue trasladada ayer.\n\n"
    "- Enfermedad renal crónica\n- Fractura de cadera operada en octubre",
    "Caro colega,\n\nA Senhora Fernanda Lopes Costa foi operada à anca. Tem demência moderada e diabetes.",
    "Szanowni Państwo,\n\nPani Halina Zielińska została przyjęta na oddział z udarem mózgu. Ma również cukrzycę.",
    "Laba diena,\n\nPonia Ona Kazlauskienė buvo paguldyta į ligoninę. Jai diagnozuotas plaučių uždegimas.",
    # a relative and their name, then the illness
    "Wiadomość o mamie – Teresa Lewandowska – zawał serca, stent w piątek",
    # a translated form's labels: the patient, a date of birth
    "Pacjent: Marek Dąbrowski\nRozpoznanie: przewlekła choroba nerek, nadciśnienie tętnicze",
    "Numele pacientului: Radu Constantin\nData nașterii: 04.11.1952\nDiagnostic: diabet zaharat tip 2",
    "Paciento vardas, pavardė: Jonas Petraitis\nGimimo data: 1968-03-02\nSkubi apendektomija",
    # Chinese: the title after the name, a relation word before it
    "张先生您好：\n\n您父亲王建华先生昨天做了手术，目前在重症监护室，仍处于昏迷状态。",
    "关于您母亲陈丽娟的病情：她患有心力衰竭，正在住院治疗。",
]


@pytest.mark.parametrize("text", HELD)
def test_a_patient_named_in_another_language_beside_their_illness(text: str) -> None:
    assert patients(text), text


NOT_HELD = [
    # leaflets and notices: illness named, no one's
    "Cukrzyca – jak o siebie dbać\n\nCukrzyca typu 2 to choroba przewlekła. Zapraszamy na spotkanie grupy "
    "wsparcia w sali parafialnej.",
    "Ce este insuficiența cardiacă?\n\nInsuficiența cardiacă înseamnă că inima nu pompează suficient sânge.",
    "糖尿病患者饮食指南\n\n糖尿病是一种常见的慢性病。请按时服药，定期检查血糖。",
    # a greeting's reader, then a job or a ward of work
    "Stimată doamnă Alina Popa,\n\nVă oferim postul de asistentă medicală pe secţia de terapie intensivă.",
    "王明先生：\n\n感谢您参加我们的糖尿病讲座。",
    # a titled member of staff at work
    "Pani Agnieszka Wójcik, pielęgniarka oddziałowa, prowadzi szkolenie o cukrzycy dla personelu.",
    "代表团成员李华先生将参观肿瘤科和影像科。",
    # English with a title that is also a nurse's ("Sr."), a Polish name
    "Sr. Zofia Nowakowska is covering the stroke unit today; cardiology huddle at 2.",
    "Sr. Maria Santos covers the stroke clinic on Friday; see para 3 of the rota at www.example.com for the heart "
    "failure cover.",
]


@pytest.mark.parametrize("text", NOT_HELD)
def test_the_same_languages_naming_no_patient(text: str) -> None:
    assert not patients(text), text


def test_a_candidates_number_in_a_recruitment_letter_abroad_is_not_an_nhs_number() -> None:
    offer = (f"Felicitări! Vă confirmăm oferta pentru postul de asistentă medicală.\n\nID candidat: {N[0]}\n"
             "Examenul OSCE are loc în martie. Sunteţi binevenită în echipa de terapie intensivă.")
    assert not held(offer)
    polish = f"Numer kandydata: {N[1]}\nRozmowa kwalifikacyjna w oddziale intensywnej terapii, 12 maja."
    assert not held(polish)
    # ... the patient's number keeps its label
    assert held(f"Pacjent: Marek Dąbrowski\nNumer NHS: {N[1]}\nRozpoznanie: cukrzyca")
