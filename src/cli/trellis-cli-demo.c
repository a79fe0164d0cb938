/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>
#include <inttypes.h>

#include "trellis-cli-demo.h"
#include "trellis-demo-study.h"

/* The demo register is research content, like the cohort names and clause
 * texts the generator writes, so its title stays in English too. */
#define DEMO_TITLE "Resilience coaching for healthcare staff"

/* Options are read as text and checked here, so that "--participants 1e3" or
 * "--participants 0" is a usage error that names the option and the range. */
static gboolean
parse_count (const char *text,
             const char *option,
             guint64     min,
             guint64     max,
             guint64    *out)
{
  if (g_ascii_string_to_unsigned (text, 10, min, max, out, NULL))
    return TRUE;

  trellis_cli_usage_error ("demo", _("%s takes a whole number from %" PRId64 " to %" PRId64 ", not “%s”"),
                           option, (gint64) min, (gint64) max, text);
  return FALSE;
}

static gboolean
parse_options (const char *participants_text,
               const char *seed_text,
               guint      *n_participants,
               guint32    *seed)
{
  guint64 n = TRELLIS_DEMO_STUDY_DEFAULT_PARTICIPANTS;
  guint64 s = TRELLIS_DEMO_STUDY_DEFAULT_SEED;

  if (participants_text != NULL &&
      !parse_count (participants_text, "--participants", 0, TRELLIS_DEMO_STUDY_MAX_PARTICIPANTS, &n))
    return FALSE;
  if (seed_text != NULL && !parse_count (seed_text, "--seed", 0, G_MAXUINT32, &s))
    return FALSE;
  *n_participants = (guint) n;
  *seed = (guint32) s;
  return TRUE;
}

static void
print_created (const char *path,
               guint       n_participants)
{
  g_autofree char *name = g_filename_display_name (path);

  g_print (g_dngettext (GETTEXT_PACKAGE, "Created %s with a demo register of %u participant\n",
                        "Created %s with a demo register of %u participants\n", n_participants),
           name, n_participants);
}

static int
run_demo (const TrellisCliCommand  *command,
          int                       argc,
          char                    **argv)
{
  static const char *const arguments[] = { N_("FILE"), NULL };
  g_autofree char *participants_text = NULL;
  g_autofree char *seed_text = NULL;
  const GOptionEntry entries[] = {
    { "participants", 'n', 0, G_OPTION_ARG_STRING, &participants_text,
      N_("How many participants to make (default: 69, of whom 66 take part; 0 makes only the cohorts, consent versions and instruments)"), N_("N") },
    { "seed", 's', 0, G_OPTION_ARG_STRING, &seed_text,
      N_("The random seed; the same seed makes the same register (default: 2025)"), N_("SEED") },
    G_OPTION_ENTRY_NULL
  };
  g_autoptr(GOptionContext) context = NULL;
  g_autoptr(GError) error = NULL;
  g_autoptr(TrellisDatabase) db = NULL;
  guint n_participants;
  guint32 seed;

  context = trellis_cli_option_context_new (command, N_("FILE"),
                                            _("Creates FILE as a new study holding a fictional register: seven\n"
                                              "professional cohorts, two consent versions, participants with\n"
                                              "consent (some declining video or quotes), a few not yet consented,\n"
                                              "some lost to follow-up and withdrawals of each kind; and its data\n"
                                              "collection: workshops, coaching calls and answers to the Brief\n"
                                              "Resilience Scale, Confidence in Coping with Adverse Events and a\n"
                                              "Knowledge test at T1–T4, with the seed study's retention (66, 62,\n"
                                              "47 and 33). Made for trying Trellis out and for benchmarks (up to\n"
                                              "1,000,000 participants). An existing file is never overwritten."),
                                            entries);
  if (!trellis_cli_parse (command, context, &argc, &argv, arguments) ||
      !parse_options (participants_text, seed_text, &n_participants, &seed))
    return TRELLIS_CLI_EXIT_USAGE;

  db = trellis_demo_study_create (argv[1], DEMO_TITLE, n_participants, seed, &error);
  if (db == NULL)
    return trellis_cli_report_error (error, TRELLIS_CLI_EXIT_CANNOT_OPEN);

  print_created (argv[1], n_participants);
  return TRELLIS_CLI_EXIT_OK;
}

const TrellisCliCommand trellis_cli_demo_command = {
  "demo",
  N_("Create a study with a fictional register, for demos and benchmarks"),
  run_demo,
};
