import { startTestStack } from '../support/test-stack';

export default async function setup() {
  return startTestStack();
}
