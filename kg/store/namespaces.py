"""The vocabularies kg writes with, and the prefixes it binds.

`KG` is kg's own ontology (ontology/kg.ttl); `ID` is where instance IRIs are minted.
"""
from rdflib import Namespace
from rdflib.namespace import OWL, PROV, RDF, RDFS, SKOS, XSD

KG = Namespace("https://kg.example.org/ontology#")
PLOVER = Namespace("https://kg.example.org/plover/")
ID = Namespace("https://kg.example.org/id/")
SEM = Namespace("http://semanticweb.cs.vu.nl/2009/11/sem/")
GAF = Namespace("http://groundedannotationframework.org/gaf#")
GRASP = Namespace("http://groundedannotationframework.org/grasp#")
SCHEMA = Namespace("https://schema.org/")
WD = Namespace("http://www.wikidata.org/entity/")
WDT = Namespace("http://www.wikidata.org/prop/direct/")

PREFIXES = {
    "kg": KG,
    "plover": PLOVER,
    "id": ID,
    "sem": SEM,
    "gaf": GAF,
    "grasp": GRASP,
    "schema": SCHEMA,
    "wd": WD,
    "wdt": WDT,
    "prov": PROV,
    "owl": OWL,
    "rdf": RDF,
    "rdfs": RDFS,
    "skos": SKOS,
    "xsd": XSD,
}

__all__ = ["KG", "PLOVER", "ID", "SEM", "GAF", "GRASP", "SCHEMA", "WD", "WDT", "PROV", "OWL", "RDF",
           "RDFS", "SKOS", "XSD", "PREFIXES"]
