/// <reference types="vite/client" />

interface ImportMetaEnv {
}
