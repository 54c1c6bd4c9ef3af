// Public face of the `controllers/argocd` module; see README.md. Exports arrive with the issues that build it.
export {};
