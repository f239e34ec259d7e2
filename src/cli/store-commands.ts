/**
 * Database commands (ingest, facts, export, serve) are registered here.
 */
import type { Command } from 'commander';

export function registerStoreCommands(_program: Command): void {
  // filled in by the store layer
}
