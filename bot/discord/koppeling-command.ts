/** The `/koppeling` application command: its definition for registration, and its options as the core's command text. */
import { type APIApplicationCommandOption, ApplicationCommandOptionType, type ChatInputCommandInteraction, type REST, type RESTPostAPIChatInputApplicationCommandsJSONBody, Routes } from "discord.js";

type Definition = RESTPostAPIChatInputApplicationCommandsJSONBody;
type SubcommandOption = { name: string; description: string; nl: string; required?: boolean; autocomplete?: boolean; maxLength?: number; choices?: Array<{ name: string; value: string }> };

const weekdays = [
  ["monday", "maandag"],
  ["tuesday", "dinsdag"],
  ["wednesday", "woensdag"],
  ["thursday", "donderdag"],
  ["friday", "vrijdag"],
  ["saturday", "zaterdag"],
  ["sunday", "zondag"],
].map(([en, nl]) => ({ name: nl!, value: en! }));

/** Subcommand → [English description, Dutch description, options]; the same set as on Slack. */
const subcommands: Array<[string, string, string, SubcommandOption[]]> = [
  ["status", "How the koppeling is doing", "Hoe staat de koppeling ervoor", []],
  ["check", "Check the configuration (checklist and dry run)", "Controleer de instellingen (checklist en proefrun)", []],
  ["errors", "Rejected sales, grouped by cause", "Afgewezen verkopen, per oorzaak", []],
  ["open", "Why sales wait in Open", "Waarom verkopen in Open staan", []],
  ["trace", "Where is one sale?", "Waar is één verkoop?", [{ name: "number", description: "Sale number, e.g. 1043", nl: "Verkoopnummer, bv. 1043", required: true, autocomplete: true, maxLength: 40 }]],
  ["retry", "Retry rejected sales", "Afgewezen verkopen opnieuw verwerken", [{ name: "target", description: "A sale number, or all", nl: "Een verkoopnummer, of alles", autocomplete: true, maxLength: 40 }]],
  ["report", "Report a problem to support (one example per cause)", "Meld een probleem bij support (één voorbeeld per oorzaak)", [{ name: "target", description: "A sale number (or leave empty to choose a cause)", nl: "Een verkoopnummer (of leeg om een oorzaak te kiezen)", autocomplete: true, maxLength: 40 }]],
  ["link", "Link this channel to your koppeling with its license key", "Koppel dit kanaal aan je koppeling met de licentiesleutel", [{ name: "key", description: "License key (only you see this)", nl: "Licentiesleutel (alleen jij ziet dit)", required: true, maxLength: 64 }]],
  ["unlink", "Unlink this channel", "Ontkoppel dit kanaal", []],
  ["subscribe", "A weekly status update in this channel", "Een wekelijkse statusupdate in dit kanaal", [
    { name: "day", description: "Weekday", nl: "Dag van de week", choices: weekdays },
    { name: "time", description: "Time, e.g. 09:00", nl: "Tijd, bv. 09:00", maxLength: 10 },
  ]],
  ["unsubscribe", "Stop the weekly status update", "Stop de wekelijkse statusupdate", []],
  ["help", "What I can do", "Wat ik kan", []],
  ["ask", "Ask anything in your own words", "Vraag iets in je eigen woorden", [{ name: "text", description: "Your question", nl: "Je vraag", required: true, maxLength: 500 }]],
];

/** The command as sent to PUT /applications/{id}/commands (guild and DM contexts). */
export const koppelingCommand: Definition = {
  name: "koppeling",
  type: 1,
  description: "Your koppeling: status, errors, retry, report",
  description_localizations: { nl: "Je koppeling: status, fouten, opnieuw, melden" },
  contexts: [0, 1],
  integration_types: [0],
  options: subcommands.map(([name, en, nl, options]) => ({
    type: ApplicationCommandOptionType.Subcommand,
    name,
    description: en,
    description_localizations: { nl },
    options: options.map((o) => ({
      type: ApplicationCommandOptionType.String,
      name: o.name,
      description: o.description,
      description_localizations: { nl: o.nl },
      required: o.required ?? false,
      ...(o.autocomplete ? { autocomplete: true } : {}),
      ...(o.maxLength ? { max_length: o.maxLength } : {}),
      ...(o.choices ? { choices: o.choices.map((c) => ({ name: c.name, name_localizations: { "en-US": c.value, "en-GB": c.value }, value: c.value })) } : {}),
    })),
  })) as APIApplicationCommandOption[],
};

/** Installs (overwrites) the global commands of the application; idempotent. */
export async function registerKoppelingCommand(rest: REST, applicationId: string): Promise<void> {
  await rest.put(Routes.applicationCommands(applicationId), { body: [koppelingCommand] });
}

/** The core's `/koppeling` arguments for an interaction ("retry 1043", "link KB-…", free text for `ask`). */
export function commandArgs(interaction: ChatInputCommandInteraction): string {
  const sub = interaction.options.getSubcommand(false) ?? "help";
  const value = (name: string) => interaction.options.getString(name)?.trim() ?? "";
  switch (sub) {
    case "trace":
      return `trace ${value("number")}`;
    case "retry":
    case "report":
      return `${sub} ${value("target")}`.trim();
    case "link":
      return `link ${value("key")}`;
    case "subscribe":
      return ["subscribe", value("day"), value("time")].filter(Boolean).join(" ");
    case "ask":
      return value("text") || "help";
    default:
      return sub;
  }
}
