export { dashscopeAdapter } from './dashscope-adapter';
