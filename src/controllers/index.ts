// Public face of the `controllers` module; see README.md. Exports arrive with the issues that build it.
export {};
