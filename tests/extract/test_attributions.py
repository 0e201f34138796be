"""Attributions: who says who carried out an attack, claims it or denies it."""
from datetime import date

import pytest

from kg.extract import extract
from kg.extract.actors import ActorTable
from kg.extract.attributions import link_attacks
from kg.extract.base import Context
from kg.extract.gazetteer import load_gazetteer
from kg.facts import Attack, Attribution, Document, Span
from kg.ingest import parse_text


def attributions(body: str) -> list[tuple[str, str, str]]:
    """(claimant key, stance, accused key) for every attribution read in one entry."""
    return [(f.claimant, f.stance, f.accused) for f in facts(body)]


def facts(body: str) -> list[Attribution]:
    doc = parse_text(f"19:05 - Nuit de frappes {body}", "t.txt", day=date(2025, 6, 3))
    result = extract(doc, only={"statements", "attributions"})
    return [f for f in result.facts if isinstance(f, Attribution)]


def test_accusation_names_claimant_and_accused():
    assert attributions("L'armée soudanaise accuse les Forces de soutien rapide d'avoir bombardé un marché "
                        "d'El-Facher dimanche.") == [("sudan", "attributes", "rsf")]


def test_accusation_about_something_else_than_an_attack_is_not_an_attribution():
    assert attributions("Le président ukrainien a accusé la Russie de vouloir réécrire les accords de Riyad.") == []


def test_attribution_with_the_accused_after_a():
    assert attributions("Le ministère russe de la Défense attribue la frappe de missiles contre Belgorod "
                        "aux forces ukrainiennes.") == [("rus_mod", "attributes", "ukraine")]


def test_attribution_in_a_relative_clause_about_the_attack():
    found = attributions("Le Hamas a démenti toute implication dans l'attentat à la bombe de Holon, "
                         "que Tel-Aviv attribue au Jihad islamique.")
    assert ("israel", "attributes", "islamic_jihad") in found


@pytest.mark.parametrize("body, expected", [
    ("Moscou a imputé à Kiev l'explosion qui a visé un train de marchandises en Crimée.", ("russia", "attributes", "ukraine")),
    ("L'armée soudanaise a revendiqué la destruction de deux dépôts des FSR à Nyala.", ("sudan", "claims", "sudan")),
])
def test_explosions_and_destructions_are_attacks_to_attribute(body, expected):
    assert expected in attributions(body)


def test_claim_of_responsibility_has_the_claimant_as_accused():
    assert attributions("Les Houthis ont revendiqué une attaque de drones contre un navire marchand en mer "
                        "Rouge.") == [("houthis", "claims", "houthis")]


def test_negated_claim_gives_nothing():
    assert attributions("Kiev n'a pas revendiqué l'explosion qui a frappé le pont dans la nuit.") == []
    assert attributions("Le Hezbollah n'a fait aucun commentaire pour revendiquer les tirs de roquettes ou "
                        "pour démentir en être l'auteur.") == []
    assert attributions("Aucun groupe n'a pour l'instant revendiqué l'attentat.") == []


def test_denial_of_involvement():
    assert attributions("Téhéran a démenti toute implication dans l'attaque de drones contre la base de "
                        "Tanf.") == [("iran", "denies", "iran")]


def test_denial_of_being_responsible():
    assert attributions("Les Forces de soutien rapide ont nié être responsables du bombardement du camp de "
                        "Zamzam.") == [("rsf", "denies", "rsf")]


def test_nationality_adjective_names_the_accused():
    found = attributions("Plusieurs experts militaires, dont Michael Kofman, se disent convaincus de l'origine "
                         "russe de la frappe contre le barrage.")
    assert found == [("michael-kofman", "attributes", "russia")]


def test_strike_inside_a_quote_is_attributed_by_its_speaker():
    found = attributions("La diplomatie russe a réagi dans la soirée. « Le régime de Kiev continue de frapper des "
                         "quartiers résidentiels de Koursk », a dénoncé Maria Zakharova.")
    assert found == [("zakharova", "attributes", "ukraine")]


def test_first_person_strike_in_a_quote_is_a_claim():
    found = attributions("Le porte-parole militaire du Hamas s'est exprimé. « Nous avons frappé Tel-Aviv avec "
                         "des roquettes », a déclaré le Hamas dans un communiqué.")
    assert found == [("hamas", "claims", "hamas")]


def test_says_it_struck_is_a_claim():
    assert attributions("Le ministère russe de la Défense dit avoir frappé des ateliers de drones dans la "
                        "région de Kharkiv.") == [("rus_mod", "claims", "rus_mod")]


def test_reported_strike_is_attributed_to_the_army_s_state():
    found = attributions("Le ministère russe de la Défense affirme que les forces ukrainiennes ont bombardé "
                         "la ville de Belgorod pendant la nuit.")
    assert found == [("rus_mod", "attributes", "ukraine")]


def test_strike_told_by_the_narrator_alone_is_not_an_attribution():
    assert attributions("Les forces russes ont bombardé Kherson dans la nuit.") == []


def test_conditional_lowers_certainty():
    [fact] = facts("Le Hamas aurait revendiqué l'attaque à la roquette contre Ashkelon.")
    assert (fact.claimant, fact.stance, fact.certainty) == ("hamas", "claims", "probable")


def test_finalizer_links_the_attack_of_the_same_entry():
    claim = Attribution("e1", Span(0, 40), claimant="ukraine", accused="ukraine", stance="claims")
    far = Attack("e1", Span(300, 340), key="autre", perpetrator="russia")
    near = Attack("e1", Span(10, 60), key="ici", perpetrator="ukraine")
    elsewhere = Attack("e2", Span(0, 40), key="ailleurs", perpetrator="ukraine")
    ctx = Context(Document("d", "d.txt", []), load_gazetteer(), ActorTable(load_gazetteer()))
    link_attacks([far, claim, near, elsewhere], ctx)
    assert claim.attack == "ici"


def test_passive_accusation_accuses_its_subject():
    assert attributions("Les Forces de soutien rapide sont accusées par l'ONU d'avoir attaqué un convoi humanitaire "
                        "au Darfour.") == [("un", "attributes", "rsf")]


def test_someone_saying_another_actor_is_responsible():
    assert attributions("Le chef de la diplomatie ukrainienne, Andriï Sybiha, a affirmé que la Russie était "
                        "responsable de la frappe contre la gare de Kramatorsk.") == [("sybiha", "attributes", "russia")]


def test_unnamed_official_accuses_for_their_state():
    assert attributions("Un haut responsable iranien a accusé Israël d'avoir mené l'attaque de drones contre "
                        "Ispahan.") == [("iran", "attributes", "israel")]


def test_aiming_at_something_that_is_no_attack_is_no_attribution():
    assert attributions("Le Kremlin accuse Washington de viser un changement de régime à Minsk.") == []
    assert attributions("Le Hamas a accusé Israël de cibler délibérément des civils avec des bombes.") == [
        ("hamas", "attributes", "israel")]


@pytest.mark.parametrize("body, claimant", [
    ("Le Cambodge dément avoir visé des civils.", "cambodia"),            # "dément" read as an adjective
    ("L'armée russe dément avoir frappé un immeuble résidentiel.", "russia"),
    ("Le Hamas a démenti avoir ciblé des hôpitaux.", "hamas"),
])
def test_a_denial_of_aiming_at_civilians(body, claimant):
    assert attributions(body) == [(claimant, "denies", claimant)]


def test_an_aim_that_is_not_an_attack_is_not_denied():
    assert attributions("Le Kremlin dément viser un changement de régime.") == []
    assert attributions("Ce projet dément les promesses du gouvernement.") == []


@pytest.mark.parametrize("body, expected", [
    ("Le Hamas accuse Israël d'avoir tué des dizaines de civils à Khan Younès.", ("hamas", "attributes", "israel")),
    # "civils" parsed as an adjective in an oblique: the bare noun phrase is still what was hit
    ("Le Conseil de souveraineté accuse les FSR d'avoir exécuté au moins 2 000 civils depuis dimanche.",
     ("sudan_sovereignty_council", "attributes", "rsf")),
])
def test_killing_civilians_is_an_attack_to_attribute(body, expected):
    assert attributions(body) == [expected]


def test_carrying_out_a_plan_is_no_attack():
    assert attributions("Kiev accuse Moscou d'avoir exécuté un plan de déstabilisation.") == []


def test_an_adverbial_participle_speaks_for_the_subject_of_its_clause():
    assert attributions("Benyamin Netanyahou a ordonné des frappes dans la bande de Gaza, accusant le Hamas "
                        "d'avoir violé le cessez-le-feu en attaquant des soldats à Rafah.") == \
        [("netanyahu", "attributes", "hamas")]


def _blog_attributions(text: str) -> list[tuple[str, str, str]]:
    doc = parse_text(text, "t.txt", day=date(2025, 6, 3))
    result = extract(doc, only={"statements", "attributions"})
    return [(f.claimant, f.stance, f.accused) for f in result.facts if isinstance(f, Attribution)]


def test_rebels_named_in_an_earlier_entry_are_the_claimant():
    text = ("18:05 - Frappes sur Sanaa\nLes rebelles ont accusé les États-Unis de viser des hôpitaux.\n\n"
            "09:45 - Nuit agitée\nDes drones ont été lancés depuis les zones contrôlées par les Houthis.\n")
    assert _blog_attributions(text) == [("houthis", "attributes", "usa")]


def test_an_unknown_subject_is_not_replaced_by_the_name_after_the_verb():
    # no group named anywhere: "les rebelles" stays unknown; Israel does not accuse itself
    assert attributions("Les rebelles ont accusé Israël de viser des infrastructures civiles.") == []


def test_a_speech_verb_after_a_comma_speaks_for_the_name_after_it():
    # "X a ouvert le feu sur Y, a affirmé le ministère": the ministry accuses X (not X claiming it)
    assert attributions("Les forces azerbaïdjanaises ont ouvert le feu sur des positions arméniennes dans la région "
                        "de Syunik, a affirmé le ministère arménien de la Défense.") == [
        ("armenia_mod", "attributes", "azerbaijan")]


def test_a_bare_denial_answers_the_accusation_before_it():
    found = attributions("L'armée russe a bombardé un quartier de Kharkiv, selon le maire Igor Terekhov. Moscou a démenti.")
    assert ("russia", "denies", "russia") in found
    found = attributions("Des positions arméniennes ont été visées, selon Erevan. Bakou a démenti, accusant l'armée "
                         "arménienne d'avoir tiré la première sur ses positions au Nakhitchevan.")
    assert ("azerbaijan", "denies", "azerbaijan") in found and ("azerbaijan", "attributes", "armenia") in found


def test_a_bare_denial_of_the_other_sides_claim_is_no_self_denial():
    # Kiev denies Moscow's version of the strike, not a strike of its own; it accuses Russia
    found = attributions("Le ministère russe de la Défense a assuré avoir frappé « des installations militaires » à "
                         "Odessa. Kiev dément et accuse la Russie de viser délibérément des immeubles résidentiels.")
    assert ("ukraine", "attributes", "russia") in found and ("ukraine", "denies", "ukraine") not in found
    assert ("russia", "claims", "russia") not in found
    assert attributions("Moscou dit avoir frappé des sites militaires à Kiev. L'Ukraine a démenti.") == [
        ("russia", "claims", "russia")]
    found = attributions("Israël accuse le Hezbollah d'avoir tiré des roquettes sur Haïfa. Le Hezbollah dément et "
                         "accuse Israël d'avoir bombardé un village.")
    assert ("hezbollah", "denies", "hezbollah") in found and ("hezbollah", "attributes", "israel") in found


def test_mutual_accusations_go_both_ways():
    assert sorted(attributions("L'Inde et le Pakistan se sont accusés mutuellement d'avoir tiré des obus sur des "
                               "villages.")) == [("india", "attributes", "pakistan"), ("pakistan", "attributes", "india")]


def test_a_denial_of_the_accusation_before_ce_que():
    found = attributions("Les forces de Kinshasa ont accusé le M23 d'avoir bombardé un camp de déplacés près de Goma, ce "
                         "que le mouvement rebelle a rejeté.")
    assert sorted(found) == [("drc", "attributes", "m23"), ("m23", "denies", "m23")]
