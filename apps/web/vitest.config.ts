import { defineProjectConfig } from '../../vitest.shared.js';

// Unit tests of the web app's pure logic (document edits, schema forms, clipboard): no DOM needed.
export default defineProjectConfig({ environment: 'node' });
