"""actor page (see stances.app.alignment_views)."""

from stances.app.alignment_views import actor_page

actor_page()
