"""about page (see stances.app.views)."""

from stances.app.views import about_page

about_page()
