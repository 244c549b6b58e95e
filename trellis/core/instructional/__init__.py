"""Instructional coaching's pure parts: the PEERS goal check, rubrics as data, and the rules for
student evidence (counts and shares, never names). No Django."""
