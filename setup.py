"""Packages of the distribution: everything under rednote_desk/, plus resources/ installed as rednote_desk.resources.

The rest of the configuration is in pyproject.toml. (A `packages.find` table there cannot also name a package
that lives outside rednote_desk/, so the list is made here.)
"""
from setuptools import find_packages, setup

setup(packages=[*find_packages(include=["rednote_desk", "rednote_desk.*"]), "rednote_desk.resources"])
