"""Moderators' corrections of figures: what readers report, what moderators decide, and how a
decision applies to the figures of the index (between the index and the answers)."""
