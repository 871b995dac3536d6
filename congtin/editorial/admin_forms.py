"""What the editorial admin views share when they refuse what was sent."""


class InvalidFormIs400:
    """Mixin for an admin form view: a form sent back with errors answers 400.

    Wagtail's views answer 200 with the errors shown; a refused request is a 4xx
    here, so clients, tests and logs see the refusal.
    """

    def form_invalid(self, form):
        response = super().form_invalid(form)
        response.status_code = 400
        return response
