"""One module per page or panel of the app; roster.app.main puts them together."""
