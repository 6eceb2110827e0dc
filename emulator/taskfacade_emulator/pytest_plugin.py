"""pytest plugin: the taskfacade_emulator fixture (filled by the emulator issue)."""
