/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <fcntl.h>
#include <glib/gstdio.h>
#include <locale.h>
#include <string.h>
#include <sys/file.h>
#include <unistd.h>

#include "cli-test-utils.h"
#include "trellis-database.h"

/* The register from the command line: cohorts, participants, consent,
 * withdrawal, purge and settings, run through the real trellis-cli binary
 * on real study files, checking what it prints, its exit status, and that
 * a refused change leaves the file exactly as it was. */

static const char *const identifiers[] = { "Ann Example", "ann@example.org", "07700 900123", "Prefers mornings" };

static gboolean
bytes_contain (GBytes     *bytes,
               const char *needle)
{
  gsize length = 0;
  const char *data = g_bytes_get_data (bytes, &length);
  gsize needle_length = strlen (needle);

  for (gsize i = 0; i + needle_length <= length; i++)
    if (memcmp (data + i, needle, needle_length) == 0)
      return TRUE;
  return FALSE;
}

/* The study file and any write-ahead log beside it. */
static gboolean
study_files_contain (Fixture    *fixture,
                     const char *needle)
{
  g_autofree char *wal = g_strconcat (fixture->path, "-wal", NULL);
  g_autoptr(GBytes) study = trellis_test_read_bytes (fixture->path);
  g_autoptr(GBytes) log = g_file_test (wal, G_FILE_TEST_EXISTS) ? trellis_test_read_bytes (wal) : NULL;

  return bytes_contain (study, needle) || (log != NULL && bytes_contain (log, needle));
}

/* Runs a command that must succeed, and returns what it printed. */
#define RUN_OK(...) run_ok (run_cli (__VA_ARGS__, NULL))

static char *
run_ok (CliRun *run)
{
  g_autoptr(CliRun) owned = run;

  g_assert_cmpint (owned->status, ==, 0);
  g_assert_cmpstr (owned->err, ==, "");
  return g_steal_pointer (&owned->out);
}

/* A refused or mistyped command prints nothing on stdout, says why on
 * stderr, and leaves the study as it was (@before is its dump's hash). */
static void
assert_refused (Fixture    *fixture,
                CliRun     *run,
                const char *before,
                int         status,
                const char *message)
{
  g_autoptr(CliRun) owned = run;
  g_autofree char *after = trellis_test_dump_hash (fixture->path);

  g_assert_cmpint (owned->status, ==, status);
  g_assert_cmpstr (owned->out, ==, "");
  if (strstr (owned->err, message) == NULL)
    g_error ("“%s” is not in “%s”", message, owned->err);
  g_assert_cmpstr (after, ==, before);
}

/* A study with cohort “Midwives A” and participant P001 with every contact detail. */
static void
create_small_register (Fixture *fixture)
{
  g_autofree char *code = NULL;

  create_study (fixture->path, "Register");
  g_free (RUN_OK ("cohort", "add", fixture->path, "Midwives A", "--profession", "Midwife"));
  code = RUN_OK ("participant", "add", fixture->path, "--cohort", "Midwives A", "--baseline", "2024-02-01",
                 "--name", identifiers[0], "--email", identifiers[1], "--phone", identifiers[2],
                 "--notes", identifiers[3]);
  g_assert_cmpstr (code, ==, "P001\n");
}

static void
add_participants (Fixture *fixture)
{
  g_autofree char *generated = NULL;
  g_autofree char *typed = NULL;
  g_autofree char *before = NULL;

  create_small_register (fixture);
  typed = RUN_OK ("participant", "add", fixture->path, "--cohort", "midwives a", "--code", " p005 ");
  g_assert_cmpstr (typed, ==, "P005\n");
  generated = RUN_OK ("participant", "add", fixture->path, "--cohort", "Midwives A");
  assert_matches ("^P[0-9]{3}\n$", generated);
  g_assert_cmpstr (generated, !=, "P001\n");
  g_assert_cmpstr (generated, !=, "P005\n");

  before = trellis_test_dump_hash (fixture->path);
  assert_refused (fixture, run_cli ("participant", "add", fixture->path, "--cohort", "Midwives A",
                                    "--code", " p001 ", NULL),
                  before, 1, "There is already a participant P001 in the study");
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM participant"), ==, 3);
}

static void
record_consents (Fixture *fixture)
{
  g_autofree char *card = NULL;
  g_autofree char *needed = NULL;
  static const char *const codes[] = { "P001", "p005" };

  g_free (RUN_OK ("consent", "add-version", fixture->path, "v1", "--date", "2024-01-01"));
  for (guint i = 0; i < G_N_ELEMENTS (codes); i++)
    g_free (RUN_OK ("consent", "record", fixture->path, codes[i], "--version", "V1", "--date", "2024-02-01",
                    "--taken-by", "Dr Rowe", "--decline", "video"));
  card = RUN_OK ("participant", "show", fixture->path, "P001");
  assert_matches ("^  2024-02-01  version v1, taken by Dr Rowe; declined: video$", card);
  assert_matches ("^Consent: +Consented$", card);

  g_free (RUN_OK ("consent", "add-version", fixture->path, "v2", "--date", "2024-05-01", "--requires-reconsent"));
  needed = RUN_OK ("consent", "reconsent-needed", fixture->path);
  g_assert_cmpstr (needed, ==, "P001\nP005\n");
}

static void
withdraw_and_purge (Fixture *fixture)
{
  g_autofree char *before = NULL;
  g_autofree char *card = NULL;
  g_autofree char *purged = NULL;
  g_autofree char *needed = NULL;

  g_free (RUN_OK ("withdraw", fixture->path, "p001", "--kind", "data-destruction", "--date", "2024-06-01",
                  "--reason", "Moved away"));
  before = trellis_test_dump_hash (fixture->path);
  assert_refused (fixture, run_cli ("consent", "record", fixture->path, "P001", "--version", "v2",
                                    "--date", "2024-07-01", "--taken-by", "Dr Rowe", NULL),
                  before, 1, "P001 withdrew on 2024-06-01 (Data destruction requested), so no consent dated"
                             " 2024-07-01 can be recorded for them");
  needed = RUN_OK ("consent", "reconsent-needed", fixture->path);
  g_assert_cmpstr (needed, ==, "P005\n");

  card = RUN_OK ("participant", "show", fixture->path, "P001", "--identifiable");
  g_assert_nonnull (strstr (card, identifiers[0]));
  purged = RUN_OK ("purge", fixture->path, "P001", "--reason", "Participant asked");
  g_assert_cmpstr (purged, ==, "Purged the identifiers of P001\n"
                               "The study’s write-ahead log was cleared: no copy of them is left in it.\n");
  g_free (card);
  card = RUN_OK ("participant", "show", fixture->path, "P001", "--identifiable");
  assert_matches ("^Identifiers purged: +[0-9]{4}-", card);
  for (guint i = 0; i < G_N_ELEMENTS (identifiers); i++)
    {
      g_assert_null (strstr (card, identifiers[i]));
      g_assert_false (study_files_contain (fixture, identifiers[i]));
    }

  /* Nothing about them can be written back afterwards. */
  g_free (before);
  before = trellis_test_dump_hash (fixture->path);
  assert_refused (fixture, run_cli ("participant", "contact", fixture->path, "P001", "--name", "Back Again", NULL),
                  before, 1, "P001 asked on 2024-06-01 for their data to be destroyed: "
                             "no contact details can be kept for them");
  assert_refused (fixture, run_cli ("participant", "edit", fixture->path, "P001", "--baseline", "2024-08-01", NULL),
                  before, 1, "P001 withdrew on 2024-06-01 (Data destruction requested): "
                             "no new data can be recorded for them");
  assert_refused (fixture, run_cli ("participant", "lost", fixture->path, "P001", "--date", "2024-08-01", NULL),
                  before, 1, "no new data can be recorded for them");
}

/* The whole register built with the CLI alone, ending with a clean check. */
static void
test_scenario (Fixture       *fixture,
               gconstpointer  data)
{
  if (!have_cli ())
    return;

  add_participants (fixture);
  record_consents (fixture);
  withdraw_and_purge (fixture);
  assert_check_passes (fixture->path);
}

/* The list is editable: a profession is renamed, and its cohorts follow. */
static void
rename_profession (Fixture *fixture)
{
  g_autofree char *renamed = NULL;
  g_autofree char *professions = NULL;
  g_autofree char *list = NULL;
  g_autofree char *before = NULL;

  renamed = RUN_OK ("profession", "rename", fixture->path, "midwife", "Midwife (community)");
  g_assert_cmpstr (renamed, ==, "Renamed profession “midwife” to “Midwife (community)”\n");
  professions = RUN_OK ("profession", "list", fixture->path);
  assert_matches ("^Midwife \\(community\\)$", professions);
  g_assert_null (strstr (professions, "Midwife\n"));
  list = RUN_OK ("cohort", "list", fixture->path);
  assert_matches ("^Midwives A +Midwife \\(community\\) +1 +no$", list);
  before = trellis_test_dump_hash (fixture->path);
  assert_refused (fixture, run_cli ("profession", "rename", fixture->path, "Health visitor", "MIDWIFE (Community)",
                                    NULL),
                  before, 1, "There is already a profession called “Midwife (community)”");
  assert_refused (fixture, run_cli ("profession", "rename", fixture->path, "Dentist", "Dental nurse", NULL),
                  before, 1, "There is no profession called “Dentist”");
  assert_refused (fixture, run_cli ("profession", "rename", fixture->path, "Other", " ", NULL),
                  before, 1, "A profession needs a name of 1 to 80 characters");
}

static void
test_cohorts (Fixture       *fixture,
              gconstpointer  data)
{
  g_autofree char *list = NULL;
  g_autofree char *professions = NULL;
  g_autofree char *before = NULL;

  if (!have_cli ())
    return;

  create_small_register (fixture);
  g_free (RUN_OK ("profession", "add", fixture->path, "Health visitor"));
  professions = RUN_OK ("profession", "list", fixture->path);
  assert_matches ("^Midwife$", professions);
  assert_matches ("^Health visitor$", professions);
  g_free (RUN_OK ("cohort", "add", fixture->path, "Visitors", "--profession", "health visitor",
                  "--site", "Leeds", "--start", "2024-03-04"));
  g_free (RUN_OK ("cohort", "edit", fixture->path, "visitors", "--name", "Visitors B", "--site", "York"));
  g_free (RUN_OK ("cohort", "archive", fixture->path, "Visitors B"));
  list = RUN_OK ("cohort", "list", fixture->path);
  assert_matches ("^Name +Profession +Site +Start +Participants +Archived$", list);
  assert_matches ("^Midwives A +Midwife +1 +no$", list);
  assert_matches ("^Visitors B +Health visitor +York +2024-03-04 +0 +yes$", list);

  before = trellis_test_dump_hash (fixture->path);
  assert_refused (fixture, run_cli ("participant", "add", fixture->path, "--cohort", "Visitors B", NULL),
                  before, 1, "Cohort “Visitors B” is archived and takes no new participants");
  assert_refused (fixture, run_cli ("cohort", "add", fixture->path, "MIDWIVES A", "--profession", "Midwife", NULL),
                  before, 1, "There is already a cohort called “MIDWIVES A”");
  assert_refused (fixture, run_cli ("cohort", "delete", fixture->path, "Midwives A", NULL), before, 1, "Midwives A");
  assert_refused (fixture, run_cli ("cohort", "edit", fixture->path, "Nurses", "--site", "Hull", NULL),
                  before, 1, "There is no cohort called “Nurses”");

  g_free (RUN_OK ("cohort", "unarchive", fixture->path, "Visitors B"));
  g_free (RUN_OK ("cohort", "delete", fixture->path, "Visitors B"));
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM cohort"), ==, 1);

  rename_profession (fixture);
  assert_check_passes (fixture->path);
}

static void
test_participant_changes (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *card = NULL;
  g_autofree char *lost = NULL;
  g_autofree char *active = NULL;

  if (!have_cli ())
    return;

  create_small_register (fixture);
  g_free (RUN_OK ("cohort", "add", fixture->path, "Paramedics", "--profession", "Paramedic"));
  g_free (RUN_OK ("participant", "edit", fixture->path, "p001", "--cohort", "paramedics", "--baseline", ""));
  g_free (RUN_OK ("participant", "contact", fixture->path, "P001", "--phone", "", "--notes", "Evenings"));
  g_free (RUN_OK ("participant", "lost", fixture->path, "P001", "--date", "2024-09-01"));
  card = RUN_OK ("participant", "show", fixture->path, "P001", "-i");
  assert_matches ("^Cohort: +Paramedics$", card);
  assert_matches ("^Baseline date: +—$", card);
  assert_matches ("^Status: +Lost to follow-up$", card);
  assert_matches ("^  Name: +Ann Example$", card);
  assert_matches ("^  Phone: +—$", card);
  assert_matches ("^  Notes: +Evenings$", card);

  lost = RUN_OK ("participant", "list", fixture->path, "--status", "lost-to-follow-up", "--cohort", "PARAMEDICS");
  assert_matches ("^P001 +Paramedics +Lost to follow-up", lost);
  g_free (RUN_OK ("participant", "lost", fixture->path, "P001", "--clear"));
  active = RUN_OK ("participant", "list", fixture->path, "--status", "lost-to-follow-up");
  g_assert_cmpstr (active, ==, "Code  Cohort  Status  Baseline  Consent\n");
  assert_check_passes (fixture->path);
}

/* Lists and cards are de-identified unless --identifiable is asked for. */
static void
test_no_contact_data (Fixture       *fixture,
                      gconstpointer  data)
{
  g_autofree char *list = NULL;
  g_autofree char *card = NULL;
  g_autofree char *identifiable = NULL;

  if (!have_cli ())
    return;

  create_small_register (fixture);
  list = RUN_OK ("participant", "list", fixture->path);
  card = RUN_OK ("participant", "show", fixture->path, "p001");
  identifiable = RUN_OK ("participant", "show", fixture->path, "p001", "--identifiable");
  assert_matches ("^P001 +Midwives A +Recruited +2024-02-01 +No consent$", list);
  assert_matches ("^Code: +P001$", card);
  for (guint i = 0; i < G_N_ELEMENTS (identifiers); i++)
    {
      g_assert_null (strstr (list, identifiers[i]));
      g_assert_null (strstr (card, identifiers[i]));
      g_assert_nonnull (strstr (identifiable, identifiers[i]));
    }
  g_assert_null (strstr (card, "Contact details"));
}

static void
test_settings (Fixture       *fixture,
               gconstpointer  data)
{
  g_autofree char *shown = NULL;
  g_autofree char *changed = NULL;
  g_autofree char *code = NULL;
  g_autofree char *before = NULL;
  g_autofree char *purged = NULL;

  if (!have_cli ())
    return;

  create_small_register (fixture);
  shown = RUN_OK ("settings", fixture->path);
  g_assert_cmpstr (shown, ==, "Code pattern:        P###\n"
                              "Withdrawal types:    no-further-contact,no-further-data,data-destruction\n"
                              "Destruction policy:  identifiers\n");
  changed = RUN_OK ("settings", fixture->path, "--code-pattern", "MW-####", "--withdrawal-types",
                    "no-further-contact, data-destruction", "--destruction-policy", "identifiers-and-data");
  g_assert_cmpstr (changed, ==, "Code pattern:        MW-####\n"
                                "Withdrawal types:    no-further-contact,data-destruction\n"
                                "Destruction policy:  identifiers-and-data\n");
  code = RUN_OK ("participant", "add", fixture->path, "--cohort", "Midwives A");
  g_assert_cmpstr (code, ==, "MW-0001\n");

  before = trellis_test_dump_hash (fixture->path);
  assert_refused (fixture, run_cli ("withdraw", fixture->path, "P001", "--kind", "no-further-data",
                                    "--date", "2024-06-01", NULL),
                  before, 1, "P001: This study does not offer the withdrawal “No further data”");
  assert_refused (fixture, run_cli ("purge", fixture->path, "P001", "--reason", "Asked", NULL), before, 1,
                  "P001 has not asked for their data to be destroyed");
  assert_refused (fixture, run_cli ("settings", fixture->path, "--code-pattern", "P 1", NULL), before, 2,
                  "--code-pattern: ");

  /* Under this policy the research data goes too, and the purge says how much. */
  g_free (RUN_OK ("withdraw", fixture->path, "P001", "--kind", "data-destruction", "--date", "2024-06-01"));
  purged = RUN_OK ("purge", fixture->path, "P001", "--reason", "Asked");
  g_assert_true (g_str_has_prefix (purged, "Purged the identifiers of P001\n"
                                           "Removed the research data of P001 as this study’s policy asks:"
                                           " answer sheets: 0, visits: 0, workshop and coaching dates: 0;"
                                           " the audit trail keeps no copy of them\n"));
  assert_check_passes (fixture->path);
}

/* A demo study under the given destruction policy, with a participant who
 * has answers, consent and no withdrawal, who then asks for their data to
 * be destroyed and is purged. Returns the participant's code and sets
 * *answers to one of their answer sheets, as stored, and *shown to what
 * `visit CODE T1` printed before the purge. */
static char *
purge_demo_participant (Fixture     *fixture,
                        const char  *policy,
                        char       **answers,
                        char       **shown,
                        char       **purged)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_local ();
  g_autofree char *today = g_date_time_format (now, "%Y-%m-%d");
  g_autofree char *sql = NULL;
  sqlite3 *db;
  gint64 id;
  char *code;

  g_free (RUN_OK ("demo", fixture->path, "--participants", "12"));
  g_free (RUN_OK ("settings", fixture->path, "--destruction-policy", policy));
  id = study_int (fixture, "SELECT min (v.participant_id) FROM visit AS v JOIN answer_sheet AS s ON s.visit_id = v.id"
                           " WHERE v.participant_id NOT IN (SELECT participant_id FROM withdrawal)"
                           " AND v.participant_id IN (SELECT participant_id FROM consent)");
  db = trellis_test_sqlite_open (fixture->path, SQLITE_OPEN_READONLY);
  sql = g_strdup_printf ("SELECT code FROM participant WHERE id = %" G_GINT64_FORMAT, id);
  code = trellis_test_sqlite_text (db, sql);
  g_free (sql);
  /* Answers of theirs nobody else gave, so that finding them means finding theirs. */
  sql = g_strdup_printf ("SELECT s.answers FROM answer_sheet AS s JOIN visit AS v ON v.id = s.visit_id"
                         " WHERE v.participant_id = %" G_GINT64_FORMAT " AND s.answers NOT IN"
                         " (SELECT o.answers FROM answer_sheet AS o JOIN visit AS w ON w.id = o.visit_id"
                         "  WHERE w.participant_id != %" G_GINT64_FORMAT ") LIMIT 1", id, id);
  *answers = trellis_test_sqlite_text (db, sql);
  g_assert_cmpint (sqlite3_close (db), ==, SQLITE_OK);
  g_assert_true (study_files_contain (fixture, *answers));

  *shown = RUN_OK ("visit", fixture->path, code, "T1");
  g_assert_nonnull (strstr (*shown, "BRS="));
  g_free (RUN_OK ("withdraw", fixture->path, code, "--kind", "data-destruction", "--date", today));
  *purged = RUN_OK ("purge", fixture->path, code, "--reason", "Participant asked");
  assert_check_passes (fixture->path);
  return code;
}

/* Under identifiers-and-data the answers, visits and events go, with every
 * copy of them; the participant stays on the register, counted as withdrawn
 * at every timepoint. */
static void
test_purge_research_data (Fixture       *fixture,
                          gconstpointer  data)
{
  g_autofree char *answers = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *purged = NULL;
  g_autofree char *code = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *after = NULL;
  g_autofree char *list = NULL;
  g_autofree char *card = NULL;

  if (!have_cli ())
    return;

  code = purge_demo_participant (fixture, "identifiers-and-data", &answers, &shown, &purged);
  expected = g_strdup_printf ("^Removed the research data of %s as this study’s policy asks: answer sheets: [1-9][0-9]*,"
                              " visits: [1-9][0-9]*, workshop and coaching dates: [0-9]+;"
                              " the audit trail keeps no copy of them$", code);
  assert_matches (expected, purged);
  g_assert_true (g_str_has_prefix (purged, "Purged the identifiers of "));
  g_assert_false (study_files_contain (fixture, answers));
  after = RUN_OK ("visit", fixture->path, code, "T1");
  g_assert_null (strstr (after, "BRS="));
  list = RUN_OK ("participant", "list", fixture->path);
  g_assert_nonnull (strstr (list, code));
  card = RUN_OK ("participant", "show", fixture->path, code);
  assert_matches ("^Identifiers purged: +[0-9]{4}-", card);
  assert_matches ("^Data purged: +[0-9]{4}-", card);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM research_data_purge"), ==, 1);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM visit WHERE participant_id ="
                                       " (SELECT participant_id FROM research_data_purge)"), ==, 0);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM consent WHERE participant_id ="
                                       " (SELECT participant_id FROM research_data_purge)"), >, 0);
}

/* Under identifiers only, the research data stays as it was. */
static void
test_purge_identifiers_only (Fixture       *fixture,
                             gconstpointer  data)
{
  g_autofree char *answers = NULL;
  g_autofree char *shown = NULL;
  g_autofree char *purged = NULL;
  g_autofree char *code = NULL;
  g_autofree char *expected = NULL;
  g_autofree char *after = NULL;
  g_autofree char *card = NULL;

  if (!have_cli ())
    return;

  code = purge_demo_participant (fixture, "identifiers", &answers, &shown, &purged);
  expected = g_strdup_printf ("Purged the identifiers of %s\n"
                              "The study’s write-ahead log was cleared: no copy of them is left in it.\n", code);
  g_assert_cmpstr (purged, ==, expected);
  g_assert_true (study_files_contain (fixture, answers));
  after = RUN_OK ("visit", fixture->path, code, "T1");
  g_assert_cmpstr (after, ==, shown);
  g_assert_cmpint (study_int (fixture, "SELECT count(*) FROM audit WHERE redacted_by IS NOT NULL"), ==, 0);
  card = RUN_OK ("participant", "show", fixture->path, code);
  assert_matches ("^Identifiers purged: +[0-9]{4}-", card);
  g_assert_null (strstr (card, "Data purged:"));
}

/* Every mistake in a command line is a usage error (2) that names it, and
 * is found before the study is touched. */
static void
test_usage (Fixture       *fixture,
            gconstpointer  data)
{
  static const char *const cases[][12] = {
    { "unknown sub-command “frob”", "cohort", "frob", NULL },
    { "no sub-command given", "participant", NULL },
    { "missing option --profession", "cohort", "add", "@", "Nurses", NULL },
    { "missing argument NAME", "cohort", "archive", "@", NULL },
    { "missing option --cohort", "participant", "add", "@", NULL },
    { "--baseline: ‘2024-13-01’ is not a date", "participant", "add", "@", "--cohort", "Midwives A",
      "--baseline", "2024-13-01", NULL },
    { "--status: ‘gone’ is not a participant status", "participant", "list", "@", "--status", "gone", NULL },
    { "give either --date or --clear", "participant", "lost", "@", "P001", "--date", "2024-01-01", "--clear", NULL },
    { "--version, --date and --taken-by are required", "consent", "record", "@", "P001", "--version", "v1", NULL },
    { "missing option --date", "consent", "add-version", "@", "v1", NULL },
    { "--kind: ", "withdraw", "@", "P001", "--kind", "everything", "--date", "2024-01-01", NULL },
    { "missing option --reason", "purge", "@", "P001", NULL },
  };
  g_autofree char *before = NULL;

  if (!have_cli ())
    return;

  create_small_register (fixture);
  before = trellis_test_dump_hash (fixture->path);
  for (guint i = 0; i < G_N_ELEMENTS (cases); i++)
    {
      const char *argv[12] = { NULL };

      for (guint j = 1; cases[i][j] != NULL; j++)
        argv[j - 1] = g_str_equal (cases[i][j], "@") ? fixture->path : cases[i][j];
      assert_refused (fixture, run_cli (argv[0], argv[1], argv[2], argv[3], argv[4], argv[5], argv[6], argv[7],
                                        argv[8], argv[9], argv[10], NULL),
                      before, 2, cases[i][0]);
    }
}

/* Writing commands wait for another writer and say when the study is
 * read-only; reading commands work while it is open elsewhere. */
static void
test_read_only_locked (Fixture       *fixture,
                       gconstpointer  data)
{
  g_autofree char *before = NULL;
  g_autoptr(TrellisDatabase) holder = NULL;
  g_autoptr(GError) error = NULL;
  int fd;

  if (!have_cli ())
    return;

  create_small_register (fixture);
  before = trellis_test_dump_hash (fixture->path);
  g_assert_no_errno (g_chmod (fixture->path, 0444));
  assert_refused (fixture, run_cli ("participant", "add", fixture->path, "--cohort", "Midwives A", NULL),
                  before, 5, "read-only");
  assert_refused (fixture, run_cli ("cohort", "archive", fixture->path, "Midwives A", NULL), before, 5, "read-only");
  g_free (RUN_OK ("participant", "list", fixture->path));
  g_assert_no_errno (g_chmod (fixture->path, 0600));

  fd = g_open (fixture->path, O_RDONLY | O_CLOEXEC, 0);
  g_assert_cmpint (fd, >=, 0);
  g_assert_no_errno (flock (fd, LOCK_EX | LOCK_NB));
  assert_refused (fixture, run_cli ("withdraw", fixture->path, "P001", "--kind", "no-further-contact",
                                    "--date", "2024-06-01", NULL), before, 4, fixture->path);
  close (fd);

  holder = trellis_database_open (fixture->path, TRELLIS_OPEN_FLAGS_NONE, &error);
  g_assert_no_error (error);
  g_free (RUN_OK ("participant", "show", fixture->path, "P001"));
  g_free (RUN_OK ("consent", "versions", fixture->path));
  assert_refused (fixture, run_cli ("settings", fixture->path, "--code-pattern", "Q###", NULL), before, 4,
                  fixture->path);
}

static void
test_missing_study (Fixture       *fixture,
                    gconstpointer  data)
{
  g_autoptr(CliRun) list = NULL;
  g_autoptr(CliRun) add = NULL;

  if (!have_cli ())
    return;

  list = run_cli ("cohort", "list", fixture->path, NULL);
  g_assert_cmpint (list->status, ==, 3);
  g_assert_nonnull (strstr (list->err, fixture->path));
  add = run_cli ("participant", "add", fixture->path, "--cohort", "Midwives A", NULL);
  g_assert_cmpint (add->status, ==, 3);
  g_assert_false (g_file_test (fixture->path, G_FILE_TEST_EXISTS));
}

/* --help for every command and sub-command, each naming itself. */
static void
test_help (void)
{
  static const char *const commands[][2] = {
    { "cohort", NULL }, { "cohort", "list" }, { "cohort", "add" }, { "cohort", "edit" }, { "cohort", "archive" },
    { "cohort", "unarchive" }, { "cohort", "delete" }, { "profession", NULL }, { "profession", "list" },
    { "profession", "add" }, { "profession", "rename" }, { "participant", NULL }, { "participant", "list" }, { "participant", "add" },
    { "participant", "show" }, { "participant", "edit" }, { "participant", "contact" }, { "participant", "lost" },
    { "consent", NULL }, { "consent", "versions" }, { "consent", "add-version" }, { "consent", "record" },
    { "consent", "reconsent-needed" }, { "withdraw", NULL }, { "purge", NULL }, { "settings", NULL },
  };

  if (!have_cli ())
    return;

  for (guint i = 0; i < G_N_ELEMENTS (commands); i++)
    {
      g_autoptr(CliRun) run = commands[i][1] != NULL ? run_cli (commands[i][0], commands[i][1], "--help", NULL)
                                                     : run_cli (commands[i][0], "--help", NULL);
      g_autofree char *usage = g_strdup_printf ("trellis-cli %s%s%s", commands[i][0], commands[i][1] ? " " : "",
                                                commands[i][1] ? commands[i][1] : "");

      g_assert_cmpint (run->status, ==, 0);
      g_assert_nonnull (strstr (run->out, usage));
      g_assert_nonnull (strstr (run->out, "Exit status"));
    }
}

int
main (int    argc,
      char **argv)
{
  setlocale (LC_ALL, "");
  g_test_init (&argc, &argv, G_TEST_OPTION_ISOLATE_DIRS, NULL);

  ADD_TEST ("/trellis/cli/register/scenario", test_scenario);
  ADD_TEST ("/trellis/cli/register/cohorts", test_cohorts);
  ADD_TEST ("/trellis/cli/register/participant-changes", test_participant_changes);
  ADD_TEST ("/trellis/cli/register/no-contact-data", test_no_contact_data);
  ADD_TEST ("/trellis/cli/register/settings", test_settings);
  ADD_TEST ("/trellis/cli/register/purge-research-data", test_purge_research_data);
  ADD_TEST ("/trellis/cli/register/purge-identifiers-only", test_purge_identifiers_only);
  ADD_TEST ("/trellis/cli/register/usage", test_usage);
  ADD_TEST ("/trellis/cli/register/read-only-locked", test_read_only_locked);
  ADD_TEST ("/trellis/cli/register/missing-study", test_missing_study);
  g_test_add_func ("/trellis/cli/register/help", test_help);

  return g_test_run ();
}
