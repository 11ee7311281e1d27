import { config as loadDotenv } from "dotenv";
import type { LoadOptions } from "./catalog/load.js";

export type Env = Readonly<Record<string, string | undefined>>;

/** What every entry point reads the same way: the environment and where the catalog is. */
export interface Settings {
  /** The environment with .env applied under it (a variable already set wins). */
  env: Env;
  /** LOYALTY_CATALOG_DIR and LOYALTY_TEAMS_FILE; absent means the repository's defaults. */
  catalog: LoadOptions;
}

/**
 * Reads the environment with .env under it (a variable already set wins) and the
 * catalog overrides from it, so the bot, the command-line tool and the catalog scripts
 * all see the same catalog and teams.
 */
export function loadSettings(env: Env = process.env): Settings {
  const fromFile: Record<string, string> = {};
  // Quiet: the command-line tool's standard output may be JSON.
  loadDotenv({ processEnv: fromFile, quiet: true });
  const merged = { ...fromFile, ...env };
  return { env: merged, catalog: catalogOverrides(merged) };
}

function catalogOverrides(env: Env): LoadOptions {
  const value = (name: string) => {
    const raw = env[name]?.trim();
    return raw === undefined || raw === "" ? undefined : raw;
  };
  const dir = value("LOYALTY_CATALOG_DIR");
  const teamsFile = value("LOYALTY_TEAMS_FILE");
  const brandFile = value("LOYALTY_BRAND_FILE");
  return {
    ...(dir === undefined ? {} : { dir }),
    ...(teamsFile === undefined ? {} : { teamsFile }),
    ...(brandFile === undefined ? {} : { brandFile }),
  };
}
