/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-audit-coverage.h"
#include "trellis-database-files.h"
#include "trellis-database-private.h"
#include "trellis-date.h"
#include "trellis-demo-study.h"
#include "trellis-demo-study-private.h"
#include "trellis-profession-store.h"
#include "trellis-storage-error.h"

/* A demo study shaped like the studies Trellis was built for: seven
 * professional cohorts starting three weeks apart in 2025, participants with
 * consent (some declining video or quotes), a few not yet consented, some
 * lost to follow-up and withdrawals of each kind; then the data collection
 * (trellis-demo-visits.c): workshops, coaching calls and answers at four
 * timepoints. Everything follows from the seed, so the same command always
 * makes the same study (apart from the creation times), and the same
 * generator serves the demo and the 100,000-participant benchmark studies.
 * It writes with direct SQL and bulk audit rows, since 100,000 single
 * audited inserts would take minutes; everything lands in one transaction or
 * nothing does.
 *
 * The study's contents are research data, not interface text, so names,
 * clause texts and reasons stay in English in the file. */

typedef struct
{
  const char *name;
  const char *profession;
  const char *site;
  const char *start_date;
} DemoCohort;

static const DemoCohort cohorts[] = {
  { "Midwives", "Midwife", "Northbridge General Hospital", "2025-01-13" },
  { "Paediatricians", "Paediatrician", "Riverside Children’s Hospital", "2025-02-03" },
  { "Obstetricians and gynaecologists", "Obstetrician/gynaecologist", "St Aldhelm’s Women’s Hospital", "2025-02-24" },
  { "Paramedics", "Paramedic", "Westmoor Ambulance Service", "2025-03-17" },
  { "Physician associates", "Physician associate", "Kingsford University Hospital", "2025-04-07" },
  { "Mammographers", "Mammographer", "Harbourside Breast Screening Centre", "2025-04-28" },
  { "Sonographers", "Sonographer", "Eastfield Maternity Unit", "2025-05-19" },
};

#define N_COHORTS G_N_ELEMENTS (cohorts)

typedef struct
{
  const char *key;
  const char *text;
} DemoClause;

static const DemoClause clauses_v1_0[] = {
  { "take_part", "I agree to take part in the resilience coaching study." },
  { "questionnaires", "I agree to complete the study questionnaires at each timepoint." },
  { "interview", "I agree to be invited to an interview about my experience of coaching." },
  { "video", "I agree to the interview being video recorded." },
  { "quotes", "I agree to anonymised quotes from my interview being used in publications." },
  { "future_research", "I agree to my anonymised data being kept for future research." },
};

/* Version 1.1 only rewords the video clause, so it needs no reconsent. */
static const DemoClause clauses_v1_1[] = {
  { "take_part", "I agree to take part in the resilience coaching study." },
  { "questionnaires", "I agree to complete the study questionnaires at each timepoint." },
  { "interview", "I agree to be invited to an interview about my experience of coaching." },
  { "video", "I agree to the interview being video recorded; the recording is deleted once it is transcribed." },
  { "quotes", "I agree to anonymised quotes from my interview being used in publications." },
  { "future_research", "I agree to my anonymised data being kept for future research." },
};

typedef struct
{
  const char *label;
  const char *date;
  const DemoClause *clauses;
} DemoVersion;

static const DemoVersion versions[] = {
  { "v1.0", "2024-12-02", clauses_v1_0 },
  { "v1.1", "2025-05-26", clauses_v1_1 },
};

G_STATIC_ASSERT (G_N_ELEMENTS (clauses_v1_0) == 6 && G_N_ELEMENTS (clauses_v1_1) == 6);

static const char *const first_names[] = {
  "Amara", "Ben", "Chloe", "Daniel", "Eilidh", "Farah", "George", "Hannah", "Imran", "Jess",
  "Kwame", "Laura", "Mohammed", "Niamh", "Oliver", "Priya", "Rhys", "Sofia", "Tom", "Yasmin",
};

static const char *const last_names[] = {
  "Adeyemi", "Brennan", "Campbell", "Davies", "Evans", "Fraser", "Gallagher", "Hughes", "Iqbal",
  "Jones", "Kaur", "Lewis", "Morgan", "Nowak", "Okafor", "Patel", "Quinn", "Roberts", "Singh", "Walsh",
};

static const char *const notes[] = {
  "Prefers contact by email.",
  "Works night shifts; best reached after 2 pm.",
  "On leave for four weeks in the summer.",
};

static const char *const researchers[] = {
  "Dr Hannah Whitfield", "Tomasz Lewandowski", "Priya Raman",
};

/* Withdrawal kinds as stored, each with reasons a coordinator might record. */
static const char *const withdrawal_kinds[] = {
  "no-further-contact", "no-further-data", "data-destruction",
};

static const char *const withdrawal_reasons[][3] = {
  { "Moved to a post abroad and asked not to be contacted again.",
    "Asked by email not to receive any further study messages.",
    "Said at the follow-up call that they no longer wish to be contacted." },
  { "Workload on the ward too high to keep completing questionnaires.",
    "Started a new role and no longer has time for the questionnaires.",
    "Finds the questionnaires distressing and will not complete more." },
  { "Asked for their data to be destroyed after leaving the profession.",
    "Requested destruction of their data in writing, giving no reason.",
    "Changed their mind about taking part and asked for their data to be removed." },
};

typedef TrellisDemoPlanned Planned;

typedef struct
{
  TrellisDatabase *db;
  GRand *rand;
  guint n;
  guint width;
  char *created;
  Planned *plan;
  gint64 cohort_ids[N_COHORTS];
  gint64 version_ids[G_N_ELEMENTS (versions)];
  guint32 version_days[G_N_ELEMENTS (versions)];
} Demo;

static void
demo_clear (Demo *demo)
{
  g_clear_pointer (&demo->rand, g_rand_free);
  g_clear_pointer (&demo->created, g_free);
  g_clear_pointer (&demo->plan, g_free);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Demo, demo_clear)

static guint32
parse_day (const char *text)
{
  GDate date;

  g_date_clear (&date, 1);
  if (!trellis_date_parse (text, &date, NULL))
    g_assert_not_reached ();
  return g_date_get_julian (&date);
}

static char *
format_day (guint32 day)
{
  GDate date;

  g_date_clear (&date, 1);
  g_date_set_julian (&date, day);
  return trellis_date_format (&date);
}

static guint
digits (guint n)
{
  guint count = 1;

  while (n >= 10)
    {
      n /= 10;
      count++;
    }
  return count;
}

/* The most recently recruited participants, at the end of the last cohort,
 * have not consented yet; among the others, shuffled, some withdraw (the same
 * number of each kind) and some are lost to follow-up. The counts scale with
 * the study and give 3, 1 of each kind and 2 for 66 or the default 69. */
static void
assign_roles (Demo *demo)
{
  guint n = demo->n;
  guint n_unconsented = MIN (n, MAX (1, 3 * n / 66));
  guint per_kind = MAX (1, n / 66);
  guint n_lost = MAX (1, 2 * n / 66);
  guint n_consented = n - n_unconsented;
  g_autofree guint *order = g_new (guint, MAX (n_consented, 1));

  for (guint i = n_consented; i < n; i++)
    demo->plan[i].role = TRELLIS_DEMO_ROLE_UNCONSENTED;
  for (guint i = 0; i < n_consented; i++)
    order[i] = i;
  for (guint i = n_consented; i > 1; i--)
    {
      guint j = g_rand_int_range (demo->rand, 0, i);
      guint swap = order[i - 1];

      order[i - 1] = order[j];
      order[j] = swap;
    }
  for (guint k = 0; k < n_consented && k < 3 * per_kind + n_lost; k++)
    demo->plan[order[k]].role = k < 3 * per_kind ? TRELLIS_DEMO_ROLE_WITHDRAWN + k / per_kind : TRELLIS_DEMO_ROLE_LOST;
}

/* Cohorts are contiguous blocks of codes, recruited in cohort order: each
 * participant consents within three weeks of their cohort's start and starts
 * (baseline) up to two weeks later. */
static void
plan_participants (Demo *demo)
{
  guint32 starts[N_COHORTS];

  for (guint c = 0; c < N_COHORTS; c++)
    starts[c] = parse_day (cohorts[c].start_date);

  demo->plan = g_new0 (Planned, MAX (demo->n, 1));
  assign_roles (demo);
  for (guint i = 0; i < demo->n; i++)
    {
      Planned *p = &demo->plan[i];

      p->cohort = (guint8) ((guint64) i * N_COHORTS / demo->n);
      p->consent_day = starts[p->cohort] + g_rand_int_range (demo->rand, 0, 21);
      p->baseline_day = p->consent_day + g_rand_int_range (demo->rand, 0, 15);
    }
  /* When someone leaves follows from how far they got. */
  trellis_demo_visits_plan (demo->plan, demo->n, demo->rand);
}

static gboolean
check_empty (Demo    *demo,
             GError **error)
{
  sqlite3_stmt *stmt = trellis_database_query_single (demo->db,
      "SELECT (SELECT count(*) FROM cohort) + (SELECT count(*) FROM participant)"
      " + (SELECT count(*) FROM consent_version)", error);
  g_autofree char *name = NULL;
  gint64 rows;

  if (stmt == NULL)
    return FALSE;
  rows = sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  if (rows == 0)
    return TRUE;

  name = g_filename_display_name (trellis_database_get_path (demo->db));
  g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_CONSTRAINT,
               _("“%s” already has cohorts, participants or consent versions; a demo register is only added to a new study"),
               name);
  return FALSE;
}

static gboolean
insert_cohorts (Demo    *demo,
                GError **error)
{
  sqlite3 *handle = trellis_database_get_handle (demo->db);

  for (guint c = 0; c < N_COHORTS; c++)
    {
      gint64 profession = trellis_profession_store_lookup (demo->db, cohorts[c].profession, error);
      sqlite3_stmt *stmt;

      if (profession == 0)
        return FALSE;
      stmt = trellis_database_prepare (demo->db,
          "INSERT INTO cohort (name, profession_id, site, start_date) VALUES (?1, ?2, ?3, ?4)", error);
      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, cohorts[c].name, -1, SQLITE_STATIC);
      sqlite3_bind_int64 (stmt, 2, profession);
      sqlite3_bind_text (stmt, 3, cohorts[c].site, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 4, cohorts[c].start_date, -1, SQLITE_STATIC);
      if (!trellis_database_step_done (demo->db, stmt, error))
        return FALSE;
      demo->cohort_ids[c] = sqlite3_last_insert_rowid (handle);
      if (!trellis_audit_append_change (demo->db, "insert", "cohort", demo->cohort_ids[c], NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* SQLite builds the clause list, so the JSON is well formed whatever the texts hold. */
static gboolean
insert_versions (Demo    *demo,
                 GError **error)
{
  for (guint v = 0; v < G_N_ELEMENTS (versions); v++)
    {
      sqlite3_stmt *stmt = trellis_database_prepare (demo->db,
          "INSERT INTO consent_version (label, version_date, clauses, requires_reconsent)"
          " VALUES (?1, ?2, json_array (json_object ('key', ?3, 'text', ?4),"
          " json_object ('key', ?5, 'text', ?6), json_object ('key', ?7, 'text', ?8),"
          " json_object ('key', ?9, 'text', ?10), json_object ('key', ?11, 'text', ?12),"
          " json_object ('key', ?13, 'text', ?14)), 0)", error);

      if (stmt == NULL)
        return FALSE;
      sqlite3_bind_text (stmt, 1, versions[v].label, -1, SQLITE_STATIC);
      sqlite3_bind_text (stmt, 2, versions[v].date, -1, SQLITE_STATIC);
      for (guint k = 0; k < 6; k++)
        {
          sqlite3_bind_text (stmt, 3 + 2 * k, versions[v].clauses[k].key, -1, SQLITE_STATIC);
          sqlite3_bind_text (stmt, 4 + 2 * k, versions[v].clauses[k].text, -1, SQLITE_STATIC);
        }
      if (!trellis_database_step_done (demo->db, stmt, error))
        return FALSE;
      demo->version_ids[v] = sqlite3_last_insert_rowid (trellis_database_get_handle (demo->db));
      demo->version_days[v] = parse_day (versions[v].date);
      if (!trellis_audit_append_change (demo->db, "insert", "consent_version", demo->version_ids[v],
                                        NULL, NULL, error))
        return FALSE;
    }
  return TRUE;
}

/* Codes are as wide as the largest one (P001…P066, P00001…P10000), and the
 * study's pattern is widened to match, so codes sort as text and the next
 * participant added by hand continues the series. */
static gboolean
widen_code_pattern (Demo    *demo,
                    GError **error)
{
  g_autofree char *old_value = NULL;
  g_autofree char *pattern = NULL;
  sqlite3_stmt *stmt;

  if (demo->width <= 3)
    return TRUE;

  pattern = g_strnfill (demo->width + 1, '#');
  pattern[0] = 'P';
  if (!trellis_audit_snapshot (demo->db, "study", 1, &old_value, error))
    return FALSE;
  stmt = trellis_database_prepare (demo->db, "UPDATE study SET code_pattern = ?1 WHERE id = 1", error);
  if (stmt == NULL)
    return FALSE;
  sqlite3_bind_text (stmt, 1, pattern, -1, SQLITE_TRANSIENT);
  return trellis_database_step_done (demo->db, stmt, error) &&
         trellis_audit_append_change (demo->db, "update", "study", 1, old_value, NULL, error);
}

static void
bind_day (sqlite3_stmt *stmt,
          int           index,
          guint32       day)
{
  if (day == 0)
    sqlite3_bind_null (stmt, index);
  else
    sqlite3_bind_text (stmt, index, format_day (day), -1, g_free);
}

/* Steps a statement prepared once for the whole loop, noting the first and
 * last row ids so that the bulk audit row can name the range. */
static gboolean
step_insert (Demo         *demo,
             sqlite3_stmt *stmt,
             gint64       *first_id,
             gint64       *last_id,
             GError      **error)
{
  int rc = sqlite3_step (stmt);

  if (rc != SQLITE_DONE)
    trellis_database_set_error (demo->db, error, rc);
  sqlite3_reset (stmt);
  sqlite3_clear_bindings (stmt);
  if (rc != SQLITE_DONE)
    return FALSE;
  *last_id = sqlite3_last_insert_rowid (trellis_database_get_handle (demo->db));
  if (*first_id == 0)
    *first_id = *last_id;
  return TRUE;
}

/* Bulk audit rows need consecutive ids, which a fresh table in one
 * transaction gives; the check makes that assumption fail loudly. */
static gboolean
append_bulk (Demo        *demo,
             const char  *table,
             gint64       first_id,
             gint64       last_id,
             guint        count,
             GError     **error)
{
  if (count == 0)
    return TRUE;
  if (last_id - first_id + 1 != count)
    {
      g_set_error (error, TRELLIS_STORAGE_ERROR, TRELLIS_STORAGE_ERROR_FAILED,
                   _("The demo rows of table %s did not get consecutive ids"), table);
      return FALSE;
    }
  return trellis_audit_append_bulk (demo->db, "insert", table, first_id, last_id,
                                    _("Demo register"), error);
}

static void
bind_participant (Demo         *demo,
                  sqlite3_stmt *stmt,
                  guint         i)
{
  const Planned *p = &demo->plan[i];

  sqlite3_bind_text (stmt, 1, g_strdup_printf ("P%0*u", (int) demo->width, i + 1), -1, g_free);
  sqlite3_bind_int64 (stmt, 2, demo->cohort_ids[p->cohort]);
  bind_day (stmt, 3, p->role == TRELLIS_DEMO_ROLE_UNCONSENTED ? 0 : p->baseline_day);
  sqlite3_bind_text (stmt, 4, demo->created, -1, SQLITE_STATIC);
  bind_day (stmt, 5, p->role == TRELLIS_DEMO_ROLE_LOST ? p->event_day : 0);
}

static gboolean
insert_participants (Demo    *demo,
                     GError **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (demo->db,
      "INSERT INTO participant (code, cohort_id, baseline_date, created, lost_date)"
      " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  gint64 first_id = 0, last_id = 0;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < demo->n; i++)
    {
      bind_participant (demo, stmt, i);
      if (!step_insert (demo, stmt, &first_id, &last_id, error))
        return FALSE;
    }
  return append_bulk (demo, "participant", first_id, last_id, demo->n, error);
}

/* Fictional contact details: example.org addresses and numbers from the
 * range Ofcom keeps for drama (07700 900000 to 900999). */
static void
bind_contact (Demo         *demo,
              sqlite3_stmt *stmt,
              gint64        participant_id)
{
  const char *first = first_names[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (first_names))];
  const char *last = last_names[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (last_names))];
  g_autofree char *email = g_strdup_printf ("%s.%s@example.org", first, last);
  guint note = g_rand_int_range (demo->rand, 0, 10 * G_N_ELEMENTS (notes));

  sqlite3_bind_int64 (stmt, 1, participant_id);
  sqlite3_bind_text (stmt, 2, g_strdup_printf ("%s %s", first, last), -1, g_free);
  sqlite3_bind_text (stmt, 3, g_ascii_strdown (email, -1), -1, g_free);
  sqlite3_bind_text (stmt, 4, g_strdup_printf ("07700 900%03u", g_rand_int_range (demo->rand, 0, 1000)),
                     -1, g_free);
  if (note < G_N_ELEMENTS (notes))
    sqlite3_bind_text (stmt, 5, notes[note], -1, SQLITE_STATIC);
}

static gboolean
insert_contacts (Demo    *demo,
                 GError **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (demo->db,
      "INSERT INTO participant_contact (id, name, email, phone, notes) VALUES (?1, ?2, ?3, ?4, ?5)",
      error);
  gint64 first_id = 0, last_id = 0;

  if (stmt == NULL)
    return FALSE;
  /* Participant ids are consecutive from the first one inserted. */
  for (guint i = 0; i < demo->n; i++)
    {
      bind_contact (demo, stmt, (gint64) i + 1);
      if (!step_insert (demo, stmt, &first_id, &last_id, error))
        return FALSE;
    }
  return append_bulk (demo, "participant_contact", first_id, last_id, demo->n, error);
}

/* Everyone agrees to take part and to the questionnaires; about 5% decline
 * the interview (and so its video), about 15% in all decline video, about
 * 10% quotes and 8% keeping data for future research. */
static char *
consent_answers (Demo *demo)
{
  gboolean interview = g_rand_double (demo->rand) >= 0.05;
  gboolean video = interview && g_rand_double (demo->rand) >= 0.105;
  gboolean quotes = g_rand_double (demo->rand) >= 0.10;
  gboolean future = g_rand_double (demo->rand) >= 0.08;

  return g_strdup_printf ("{\"take_part\":true,\"questionnaires\":true,\"interview\":%s,"
                          "\"video\":%s,\"quotes\":%s,\"future_research\":%s}",
                          interview ? "true" : "false", video ? "true" : "false",
                          quotes ? "true" : "false", future ? "true" : "false");
}

static void
bind_consent (Demo         *demo,
              sqlite3_stmt *stmt,
              guint         i)
{
  const Planned *p = &demo->plan[i];
  guint version = p->consent_day >= demo->version_days[1] ? 1 : 0;

  sqlite3_bind_int64 (stmt, 1, (gint64) i + 1);
  sqlite3_bind_int64 (stmt, 2, demo->version_ids[version]);
  bind_day (stmt, 3, p->consent_day);
  sqlite3_bind_text (stmt, 4, researchers[g_rand_int_range (demo->rand, 0, G_N_ELEMENTS (researchers))],
                     -1, SQLITE_STATIC);
  sqlite3_bind_text (stmt, 5, consent_answers (demo), -1, g_free);
}

static gboolean
insert_consents (Demo    *demo,
                 GError **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (demo->db,
      "INSERT INTO consent (participant_id, version_id, consent_date, taken_by, answers)"
      " VALUES (?1, ?2, ?3, ?4, ?5)", error);
  gint64 first_id = 0, last_id = 0;
  guint count = 0;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < demo->n; i++)
    {
      if (demo->plan[i].role == TRELLIS_DEMO_ROLE_UNCONSENTED)
        continue;
      bind_consent (demo, stmt, i);
      if (!step_insert (demo, stmt, &first_id, &last_id, error))
        return FALSE;
      count++;
    }
  return append_bulk (demo, "consent", first_id, last_id, count, error);
}

static gboolean
insert_withdrawals (Demo    *demo,
                    GError **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (demo->db,
      "INSERT INTO withdrawal (participant_id, kind, effective_date, reason) VALUES (?1, ?2, ?3, ?4)",
      error);
  gint64 first_id = 0, last_id = 0;
  guint count = 0;

  if (stmt == NULL)
    return FALSE;
  for (guint i = 0; i < demo->n; i++)
    {
      const Planned *p = &demo->plan[i];
      guint kind = p->role - TRELLIS_DEMO_ROLE_WITHDRAWN;

      if (p->role < TRELLIS_DEMO_ROLE_WITHDRAWN)
        continue;
      sqlite3_bind_int64 (stmt, 1, (gint64) i + 1);
      sqlite3_bind_text (stmt, 2, withdrawal_kinds[kind], -1, SQLITE_STATIC);
      bind_day (stmt, 3, p->event_day);
      sqlite3_bind_text (stmt, 4, withdrawal_reasons[kind][g_rand_int_range (demo->rand, 0, 3)],
                         -1, SQLITE_STATIC);
      if (!step_insert (demo, stmt, &first_id, &last_id, error))
        return FALSE;
      count++;
    }
  return append_bulk (demo, "withdrawal", first_id, last_id, count, error);
}

static gboolean
fill (Demo    *demo,
      GError **error)
{
  return check_empty (demo, error) &&
         insert_cohorts (demo, error) &&
         insert_versions (demo, error) &&
         widen_code_pattern (demo, error) &&
         insert_participants (demo, error) &&
         insert_contacts (demo, error) &&
         insert_consents (demo, error) &&
         insert_withdrawals (demo, error) &&
         trellis_demo_visits_fill (demo->db, demo->plan, demo->n, demo->rand, error);
}

/* Fills a study just made by trellis_database_create with a demo register of
 * n_participants (0 to TRELLIS_DEMO_STUDY_MAX_PARTICIPANTS), in one write
 * transaction: on failure the study is left as it was. With none, the study
 * has the cohorts and consent versions only: a target for importing
 * participants. */
gboolean
trellis_demo_study_fill (TrellisDatabase  *db,
                         guint             n_participants,
                         guint32           seed,
                         GError          **error)
{
  g_autoptr(GDateTime) now = g_date_time_new_now_utc ();
  g_auto(Demo) demo = { 0 };

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), FALSE);
  g_return_val_if_fail (n_participants <= TRELLIS_DEMO_STUDY_MAX_PARTICIPANTS, FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  demo.db = db;
  demo.n = n_participants;
  demo.width = MAX (3, digits (n_participants));
  demo.rand = g_rand_new_with_seed (seed);
  demo.created = g_date_time_format_iso8601 (now);
  plan_participants (&demo);

  if (!trellis_database_begin_write (db, error))
    return FALSE;
  if (fill (&demo, error) && trellis_database_commit (db, error))
    return TRUE;
  trellis_database_rollback (db);
  return FALSE;
}

/* Creates path as a new study holding a demo register. Like
 * trellis_database_create, it never overwrites a file, and on failure it
 * removes what it created, so no half-made study is left behind. */
TrellisDatabase *
trellis_demo_study_create (const char  *path,
                           const char  *title,
                           guint        n_participants,
                           guint32      seed,
                           GError     **error)
{
  g_autoptr(TrellisDatabase) db = NULL;

  g_return_val_if_fail (path != NULL && title != NULL, NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  db = trellis_database_create (path, title, error);
  if (db == NULL)
    return NULL;
  if (!trellis_demo_study_fill (db, n_participants, seed, error))
    {
      g_clear_object (&db);
      trellis_database_files_remove_created (path);
      return NULL;
    }
  return g_steal_pointer (&db);
}
