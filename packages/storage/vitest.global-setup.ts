import { describeSkippedDatabases } from './src/testing';

export default function reportSkippedDatabases(): void {
  for (const line of describeSkippedDatabases()) console.log(`[@oneapi/storage] ${line}`);
}
