/// <reference types="vite/client" />

interface ImportMetaEnv {
  readonly VITE_DOCK_INSTALL_URL?: string;
}
