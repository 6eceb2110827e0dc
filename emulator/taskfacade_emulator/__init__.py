"""A local server that speaks the four services taskfacade covers (filled by the emulator issue)."""
