/// <reference types="vite/client" />

interface ImportMetaEnv {
  /** Which environment a first visit starts on: sandbox, ims, ims-qa or custom. */
  readonly VITE_ENVIRONMENT?: string;
  /** Client ID of your Evo SPA registration, for the ims, ims-qa and custom environments. */
  readonly VITE_CLIENT_ID?: string;
  /** Authority (issuer URL) for the custom environment. */
  readonly VITE_AUTHORITY?: string;
  /** Evo Discovery base URL for the ims, ims-qa and custom environments. */
  readonly VITE_DISCOVERY_URL?: string;
  /** Where the local IMS twin runs. */
  readonly VITE_SANDBOX_AUTHORITY?: string;
  /** Where the local Evo twin runs. */
  readonly VITE_SANDBOX_DISCOVERY_URL?: string;
  /** The sandbox client the app uses by default. */
  readonly VITE_SANDBOX_CLIENT_ID?: string;
  /** Benchmark builds only: speed tricks left out of this copy (config/speedTricks.ts). */
  readonly VITE_BENCH_WITHOUT?: string;
}

interface ImportMeta {
  readonly env: ImportMetaEnv;
}
