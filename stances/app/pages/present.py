"""present page (see stances.app.views)."""

from stances.app.views import present_page

present_page()
