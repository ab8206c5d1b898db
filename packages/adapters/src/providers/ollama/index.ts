export { ollamaAdapter } from './ollama-adapter';
