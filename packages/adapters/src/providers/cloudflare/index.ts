export { cloudflareAdapter } from './cloudflare-adapter';
