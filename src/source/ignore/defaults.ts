/**
 * Flux's default exclusions (`fluxcd/pkg/sourceignore`): version-control files always; images,
 * archives, CI configuration and a few tool files only when the user gave no patterns of their own
 * (neither a `.sourceignore` nor `spec.ignore`), as source-controller's `SourceIgnoreFilter` does.
 */
export const IGNORE_FILE = '.sourceignore';

export const VCS_PATTERNS = ['.git/', '.gitignore', '.gitmodules', '.gitattributes'];

export const DEFAULT_PATTERNS = [
  ...['*.jpg', '*.jpeg', '*.gif', '*.png', '*.wmv', '*.flv', '*.tar.gz', '*.zip'],
  ...[
    '.github/',
    '.circleci/',
    '.travis.yml',
    '.gitlab-ci.yml',
    'appveyor.yml',
    '.drone.yml',
    'cloudbuild.yaml',
  ],
  ...['codeship-services.yml', 'codeship-steps.yml'],
  ...['**/.goreleaser.yml', '**/.sops.yaml', '**/.flux.yaml'],
];
