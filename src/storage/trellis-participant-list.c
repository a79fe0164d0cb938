/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <stdlib.h>
#include <string.h>

#include "trellis-database-private.h"
#include "trellis-date.h"
#include "trellis-participant-list.h"
#include "trellis-register-state.h"

/* The participants list must stay fluid with 100,000 participants, so it holds
 * no object per participant. One query loads every row into a compact array;
 * the status and consent state are derived once, at load, into small enums.
 * Filtering and sorting then work on index arrays over that array, and the
 * list tells its view about each change with one items-changed. Row objects
 * are made only when the view asks for a row, for the few rows on screen.
 *
 *  - order:   every row, in the current sort order;
 *  - visible: the rows that match the filter, in the same order;
 *  - matched: per row, whether it is in visible.
 *
 * A filter that narrows the last one (every old word is part of a new word)
 * only needs to test the rows still visible; any other filter tests all rows,
 * in sort order, so that filtering never needs to sort. */

#define N_STATUSES (TRELLIS_PARTICIPANT_STATUS_LOST_TO_FOLLOW_UP + 1)
#define N_CONSENT_STATES (TRELLIS_CONSENT_STATE_RECONSENT_NEEDED + 1)

G_STATIC_ASSERT (N_STATUSES * N_CONSENT_STATES <= 32);

/* GDate's Julian day 1 is 0001-01-01, which SQLite's julianday() calls 1721425.5. */
#define JULIAN_OFFSET "1721424.5"

typedef struct
{
  gint64 id;
  const char *code;       /* in the table's string chunk */
  const char *code_key;   /* the code in lower case, for the filter */
  guint32 baseline;       /* GDate Julian day, 0 when there is none */
  guint32 cohort;         /* index into the table's cohorts */
  guint8 status;          /* TrellisParticipantStatus */
  guint8 consent;         /* TrellisConsentState */
} Entry;

typedef struct
{
  char *name;
  char *key;              /* folded for the filter */
  guint32 rank;           /* position in collation order */
} Cohort;

/* Everything one load read, replaced as a whole by the next: every
 * participant, or the first few in code order (see
 * trellis_participant_table_read). */
struct _TrellisParticipantTable
{
  GArray *entries;        /* Entry, in code order */
  GStringChunk *strings;
  GPtrArray *cohorts;     /* Cohort */
  guint n_total;          /* participants in the study, read or not */
};

typedef TrellisParticipantTable Table;

/* One word of the filter, with the answers that do not depend on the row
 * worked out once: which cohorts and which status/consent labels hold it. */
typedef struct
{
  const char *word;
  guint32 label_mask;     /* bit (status * N_CONSENT_STATES + consent) */
  guint8 *cohort_hits;    /* per cohort */
} WordTest;

struct _TrellisParticipantList
{
  GObject parent_instance;

  TrellisDatabase *db;
  Table *table;
  guint version;          /* counts the tables the list has shown */
  guint32 *order;
  guint32 *visible;
  guint8 *matched;
  guint n_visible;

  char *filter_text;
  char **words;           /* the filter, folded and split; NULL when empty */
  TrellisParticipantColumn sort_column;
  gboolean descending;

  char *status_keys[N_STATUSES];
  char *consent_keys[N_CONSENT_STATES];
  guint32 status_rank[N_STATUSES];
  guint32 consent_rank[N_CONSENT_STATES];
};

static void list_model_iface_init (GListModelInterface *iface);

G_DEFINE_FINAL_TYPE_WITH_CODE (TrellisParticipantList, trellis_participant_list, G_TYPE_OBJECT,
                               G_IMPLEMENT_INTERFACE (G_TYPE_LIST_MODEL, list_model_iface_init))

/* Case-insensitive matching the way GLib does it for people: compatible forms
 * made equal (so a non-breaking space is a space), then case folded. */
static char *
fold (const char *text)
{
  g_autofree char *valid = g_utf8_make_valid (text, -1);
  g_autofree char *normal = g_utf8_normalize (valid, -1, G_NORMALIZE_ALL);

  return g_utf8_casefold (normal, -1);
}

static void
cohort_free (gpointer data)
{
  Cohort *cohort = data;

  g_free (cohort->name);
  g_free (cohort->key);
  g_free (cohort);
}

static Table *
table_new (void)
{
  Table *table = g_new0 (Table, 1);

  table->entries = g_array_new (FALSE, FALSE, sizeof (Entry));
  table->strings = g_string_chunk_new (64 * 1024);
  table->cohorts = g_ptr_array_new_with_free_func (cohort_free);
  return table;
}

static void
table_free (Table *table)
{
  g_array_unref (table->entries);
  g_string_chunk_free (table->strings);
  g_ptr_array_unref (table->cohorts);
  g_free (table);
}

void
trellis_participant_table_free (TrellisParticipantTable *table)
{
  if (table != NULL)
    table_free (table);
}

static gboolean
table_is_complete (const Table *table)
{
  return table->entries->len == table->n_total;
}

static inline const Entry *
entry_at (TrellisParticipantList *self,
          guint32                 index)
{
  return &g_array_index (self->table->entries, Entry, index);
}

static guint
n_entries (TrellisParticipantList *self)
{
  return self->table->entries->len;
}

/* ---- Loading ---- */

/* Loading reads each table once, in simple scans, and joins them here: the
 * participants in code order, their consents and withdrawals in participant
 * order, which the consent index (participant_id, consent_date, id) gives
 * without sorting. A per-participant subquery for the latest consent would
 * cost SQLite a lookup and a sort for each of 100,000 rows. Dates arrive as
 * GDate Julian days. */
static const char participants_sql[] =
  "SELECT id, code, cohort_id, baseline_date, lost_date IS NOT NULL"
  " FROM participant ORDER BY code";
static const char cohorts_sql[] = "SELECT id, name FROM cohort";
static const char versions_sql[] =
  "SELECT id, CAST (julianday (version_date) - " JULIAN_OFFSET " AS INTEGER), requires_reconsent"
  " FROM consent_version";
/* A participant's current consent is their latest: the last of their rows
 * here. Trellis writes the answers compactly with take_part first, so a look
 * at their start answers for nearly every row; it is exact, since answers are
 * valid JSON (a CHECK) and the first key is the one json_extract() finds.
 * Anything else is parsed. */
static const char consents_sql[] =
  "SELECT participant_id, version_id,"
  "  CASE WHEN substr (answers, 1, 17) = '{\"take_part\":true' THEN 1"
  "       WHEN substr (answers, 1, 18) = '{\"take_part\":false' THEN 0"
  "       ELSE json_extract (answers, '$.take_part') IS 1 END"
  " FROM consent ORDER BY participant_id, consent_date, id";
static const char withdrawals_sql[] =
  "SELECT participant_id, kind FROM withdrawal ORDER BY participant_id, effective_date, id";
/* Who completed the plan's last timepoint. Read straight through the table
 * and looked up by id here: in participant order, through the visit index,
 * SQLite looked up every visit's row apart, which took twice as long. */
static const char final_visits_sql[] =
  "SELECT participant_id FROM visit NOT INDEXED"
  " WHERE timepoint_id = (SELECT id FROM timepoint_def ORDER BY position DESC, id DESC LIMIT 1)"
  " AND completed_date IS NOT NULL";

/* The first rows in code order, for a list that shows its first screenful
 * before the rest is read: the same reads for the participants among the
 * first ?1 in code order only, each through its index, so that they cost
 * the same with 1,000 participants or 100,000. */
#define FIRST_IDS "(SELECT id FROM participant ORDER BY code LIMIT ?1)"
static const char first_participants_sql[] =
  "SELECT id, code, cohort_id, baseline_date, lost_date IS NOT NULL"
  " FROM participant ORDER BY code LIMIT ?1";
static const char first_consents_sql[] =
  "SELECT participant_id, version_id,"
  "  CASE WHEN substr (answers, 1, 17) = '{\"take_part\":true' THEN 1"
  "       WHEN substr (answers, 1, 18) = '{\"take_part\":false' THEN 0"
  "       ELSE json_extract (answers, '$.take_part') IS 1 END"
  " FROM consent WHERE participant_id IN " FIRST_IDS
  " ORDER BY participant_id, consent_date, id";
static const char first_withdrawals_sql[] =
  "SELECT participant_id, kind FROM withdrawal WHERE participant_id IN " FIRST_IDS
  " ORDER BY participant_id, effective_date, id";
static const char first_final_visits_sql[] =
  "SELECT participant_id FROM visit WHERE participant_id IN " FIRST_IDS
  " AND timepoint_id = (SELECT id FROM timepoint_def ORDER BY position DESC, id DESC LIMIT 1)"
  " AND completed_date IS NOT NULL";
static const char count_sql[] = "SELECT count(*) FROM participant";

/* What a row's status and consent state are derived from, gathered per
 * participant while loading. */
typedef struct
{
  guint32 version_date;   /* of the current consent's sheet */
  gint8 withdrawal;       /* TrellisWithdrawalType of the latest, -1 if none */
  guint8 has_consent;
  guint8 takes_part;
  guint8 lost;
  guint8 completed;       /* the plan's last timepoint */
} Facts;

typedef struct
{
  gint64 id;
  guint32 index;          /* into the table's entries */
} IdIndex;

typedef struct
{
  gint64 id;
  guint32 date;
} VersionDate;

/* One load's working state, dropped at its end. */
typedef struct
{
  Table *table;
  GHashTable *cohorts_by_id;  /* gint64 * → index + 1 */
  GArray *facts;              /* Facts, per entry */
  GArray *by_id;              /* IdIndex, sorted by id */
  GArray *versions;           /* VersionDate */
  guint32 newest_reconsent_date;
  guint cursor;               /* into by_id, for rows that come in participant order */
} Load;

typedef void (*RowFunc) (Load *load, sqlite3_stmt *stmt);

/* Runs SQL and hands each row to FUNC; LIMIT fills its ?1, if it has one. */
static gboolean
each_row (TrellisDatabase  *db,
          const char       *sql,
          guint             limit,
          RowFunc           func,
          Load             *load,
          GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_prepare (db, sql, error);
  int rc;

  if (stmt == NULL)
    return FALSE;
  if (sqlite3_bind_parameter_count (stmt) > 0)
    sqlite3_bind_int64 (stmt, 1, limit);
  load->cursor = 0;
  while ((rc = sqlite3_step (stmt)) == SQLITE_ROW)
    func (load, stmt);
  if (rc != SQLITE_DONE)
    trellis_database_set_error (db, error, rc);
  sqlite3_reset (stmt);
  return rc == SQLITE_DONE;
}

static void
read_cohort (Load         *load,
             sqlite3_stmt *stmt)
{
  Cohort *cohort = g_new0 (Cohort, 1);
  gint64 id = sqlite3_column_int64 (stmt, 0);

  cohort->name = g_utf8_make_valid ((const char *) sqlite3_column_text (stmt, 1), -1);
  cohort->key = fold (cohort->name);
  g_ptr_array_add (load->table->cohorts, cohort);
  g_hash_table_insert (load->cohorts_by_id, g_memdup2 (&id, sizeof id),
                       GUINT_TO_POINTER (load->table->cohorts->len));
}

static void
read_version (Load         *load,
              sqlite3_stmt *stmt)
{
  VersionDate version = { sqlite3_column_int64 (stmt, 0), (guint32) MAX (sqlite3_column_int (stmt, 1), 0) };

  g_array_append_val (load->versions, version);
  if (sqlite3_column_int (stmt, 2))
    load->newest_reconsent_date = MAX (load->newest_reconsent_date, version.date);
}

/* The index of the row's cohort; a cohort that is somehow missing gets an
 * entry with an empty name rather than a crash. */
static guint32
cohort_index (Load  *load,
              gint64 id)
{
  guint found = GPOINTER_TO_UINT (g_hash_table_lookup (load->cohorts_by_id, &id));
  Cohort *cohort;

  if (found > 0)
    return found - 1;
  cohort = g_new0 (Cohort, 1);
  cohort->name = g_strdup ("");
  cohort->key = g_strdup ("");
  g_ptr_array_add (load->table->cohorts, cohort);
  g_hash_table_insert (load->cohorts_by_id, g_memdup2 (&id, sizeof id),
                       GUINT_TO_POINTER (load->table->cohorts->len));
  return load->table->cohorts->len - 1;
}

/* A stored date as a GDate Julian day, 0 for none. Trellis writes dates as
 * YYYY-MM-DD, checked in C; reading them here rather than with SQLite's
 * julianday() halves the time the participants take to read. */
static guint32
julian_day (const char *text)
{
  static const guint8 digits[] = { 0, 1, 2, 3, 5, 6, 8, 9 };
  GDate date;
  int year, month, day;

  if (text == NULL || strlen (text) != 10 || text[4] != '-' || text[7] != '-')
    return 0;
  for (guint i = 0; i < G_N_ELEMENTS (digits); i++)
    if (!g_ascii_isdigit (text[digits[i]]))
      return 0;
  year = atoi (text);
  month = atoi (text + 5);
  day = atoi (text + 8);
  if (!g_date_valid_dmy (day, month, year))
    return 0;
  g_date_clear (&date, 1);
  g_date_set_dmy (&date, day, month, year);
  return g_date_get_julian (&date);
}

static void
read_participant (Load         *load,
                  sqlite3_stmt *stmt)
{
  Table *table = load->table;
  const char *code = (const char *) sqlite3_column_text (stmt, 1);
  Entry entry = { 0, };
  Facts facts = { .withdrawal = -1 };
  IdIndex id_index;
  char *key;

  entry.id = sqlite3_column_int64 (stmt, 0);
  entry.code = g_string_chunk_insert (table->strings, code);
  key = g_string_chunk_insert (table->strings, code);
  for (char *c = key; *c != '\0'; c++)
    *c = g_ascii_tolower (*c);
  entry.code_key = key;
  entry.cohort = cohort_index (load, sqlite3_column_int64 (stmt, 2));
  entry.baseline = julian_day ((const char *) sqlite3_column_text (stmt, 3));
  facts.lost = sqlite3_column_int (stmt, 4) != 0;
  id_index = (IdIndex) { entry.id, table->entries->len };
  g_array_append_val (table->entries, entry);
  g_array_append_val (load->facts, facts);
  g_array_append_val (load->by_id, id_index);
}

/* The facts of participant ID, for rows that come in participant order:
 * the cursor only moves forward. NULL for a row of no participant. */
static Facts *
facts_of (Load  *load,
          gint64 id)
{
  while (load->cursor < load->by_id->len &&
         g_array_index (load->by_id, IdIndex, load->cursor).id < id)
    load->cursor++;
  if (load->cursor == load->by_id->len || g_array_index (load->by_id, IdIndex, load->cursor).id != id)
    return NULL;
  return &g_array_index (load->facts, Facts, g_array_index (load->by_id, IdIndex, load->cursor).index);
}

static guint32
version_date (Load  *load,
              gint64 id)
{
  for (guint i = 0; i < load->versions->len; i++)
    if (g_array_index (load->versions, VersionDate, i).id == id)
      return g_array_index (load->versions, VersionDate, i).date;
  return 0;
}

/* Each consent overwrites the one before: the last is the current one. */
static void
read_consent (Load         *load,
              sqlite3_stmt *stmt)
{
  Facts *facts = facts_of (load, sqlite3_column_int64 (stmt, 0));

  if (facts == NULL)
    return;
  facts->has_consent = TRUE;
  facts->version_date = version_date (load, sqlite3_column_int64 (stmt, 1));
  facts->takes_part = sqlite3_column_int (stmt, 2) != 0;
}

static void
read_withdrawal (Load         *load,
                 sqlite3_stmt *stmt)
{
  Facts *facts = facts_of (load, sqlite3_column_int64 (stmt, 0));
  TrellisWithdrawalType type;

  if (facts == NULL)
    return;
  if (!trellis_withdrawal_type_from_string ((const char *) sqlite3_column_text (stmt, 1), &type, NULL))
    type = TRELLIS_WITHDRAWAL_NO_FURTHER_CONTACT;
  facts->withdrawal = type;
}

static int
compare_ids (gconstpointer a,
             gconstpointer b)
{
  gint64 x = ((const IdIndex *) a)->id, y = ((const IdIndex *) b)->id;

  return (x > y) - (x < y);
}

/* The facts of participant ID, for rows in any order. */
static Facts *
facts_by_id (Load  *load,
             gint64 id)
{
  IdIndex key = { id, 0 };
  const IdIndex *found = bsearch (&key, load->by_id->data, load->by_id->len, sizeof (IdIndex), compare_ids);

  return found != NULL ? &g_array_index (load->facts, Facts, found->index) : NULL;
}

static void
read_final_visit (Load         *load,
                  sqlite3_stmt *stmt)
{
  Facts *facts = facts_by_id (load, sqlite3_column_int64 (stmt, 0));

  if (facts != NULL)
    facts->completed = TRUE;
}

/* Derives the consent state and the status from the row's facts with the
 * domain's rules, so the list always agrees with the rest of Trellis. */
static void
derive_states (Entry       *entry,
               const Facts *row,
               guint32      newest_reconsent_date)
{
  TrellisRegisterFacts facts = { { 0, }, };
  TrellisParticipantStatus status;
  TrellisConsentState consent;

  facts.consent.has_consent = row->has_consent;
  facts.consent.takes_part = row->takes_part;
  facts.consent.consented_version_date = row->version_date;
  facts.consent.newest_reconsent_date = newest_reconsent_date;
  facts.consent.withdrawn = row->withdrawal >= 0;
  facts.consent.lost = row->lost;
  facts.has_baseline_date = entry->baseline != 0;
  facts.completed_final_timepoint = row->completed;
  if (row->withdrawal >= 0)
    facts.withdrawal_type = (TrellisWithdrawalType) row->withdrawal;

  trellis_register_state_derive (&facts, &status, &consent);
  entry->consent = consent;
  entry->status = status;
}

static int
compare_cohort_names (gconstpointer a,
                      gconstpointer b)
{
  const Cohort *ca = *(Cohort **) a;
  const Cohort *cb = *(Cohort **) b;

  return g_utf8_collate (ca->name, cb->name);
}

/* Ranks the cohorts by name, so sorting by cohort compares two integers. */
static void
rank_cohorts (Table *table)
{
  g_autoptr(GPtrArray) sorted = g_ptr_array_copy (table->cohorts, NULL, NULL);

  /* The copy would free the cohorts with itself: they stay the table's. */
  g_ptr_array_set_free_func (sorted, NULL);
  g_ptr_array_sort (sorted, compare_cohort_names);
  for (guint i = 0; i < sorted->len; i++)
    ((Cohort *) sorted->pdata[i])->rank = i;
}


static void
load_clear (Load *load)
{
  g_clear_pointer (&load->table, table_free);
  g_clear_pointer (&load->cohorts_by_id, g_hash_table_unref);
  g_clear_pointer (&load->facts, g_array_unref);
  g_clear_pointer (&load->by_id, g_array_unref);
  g_clear_pointer (&load->versions, g_array_unref);
}

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (Load, load_clear)

/* How many participants the study has, for a table of its first rows. */
static gboolean
count_participants (TrellisDatabase  *db,
                    Table            *table,
                    GError          **error)
{
  sqlite3_stmt *stmt = trellis_database_query_single (db, count_sql, error);

  if (stmt == NULL)
    return FALSE;
  table->n_total = (guint) sqlite3_column_int64 (stmt, 0);
  sqlite3_reset (stmt);
  return TRUE;
}

/* Every participant, or with FIRST_ROWS > 0 the first FIRST_ROWS of them in
 * code order. */
static Table *
load_table (TrellisDatabase  *db,
            guint             first_rows,
            GError          **error)
{
  g_auto(Load) load = { table_new (), };
  gboolean first = first_rows > 0;

  load.cohorts_by_id = g_hash_table_new_full (g_int64_hash, g_int64_equal, g_free, NULL);
  load.facts = g_array_new (FALSE, FALSE, sizeof (Facts));
  load.by_id = g_array_new (FALSE, FALSE, sizeof (IdIndex));
  load.versions = g_array_new (FALSE, FALSE, sizeof (VersionDate));
  if (!each_row (db, cohorts_sql, 0, read_cohort, &load, error) ||
      !each_row (db, versions_sql, 0, read_version, &load, error) ||
      !each_row (db, first ? first_participants_sql : participants_sql, first_rows, read_participant, &load, error))
    return NULL;
  g_array_sort (load.by_id, compare_ids);
  if (!each_row (db, first ? first_consents_sql : consents_sql, first_rows, read_consent, &load, error) ||
      !each_row (db, first ? first_withdrawals_sql : withdrawals_sql, first_rows, read_withdrawal, &load, error) ||
      !each_row (db, first ? first_final_visits_sql : final_visits_sql, first_rows, read_final_visit, &load,
                 error))
    return NULL;
  load.table->n_total = load.table->entries->len;
  if (first && load.table->entries->len == first_rows && !count_participants (db, load.table, error))
    return NULL;

  for (guint i = 0; i < load.table->entries->len; i++)
    derive_states (&g_array_index (load.table->entries, Entry, i),
                   &g_array_index (load.facts, Facts, i), load.newest_reconsent_date);
  rank_cohorts (load.table);
  return g_steal_pointer (&load.table);
}

/* ---- Sorting ---- */

/* The row's place in the column's order. Labels sort as they read in the
 * person's language; a missing baseline date sorts after every date. */
static guint32
sort_rank (TrellisParticipantList *self,
           guint32                 index)
{
  const Entry *entry = entry_at (self, index);

  switch (self->sort_column)
    {
    case TRELLIS_PARTICIPANT_COLUMN_COHORT:
      return ((Cohort *) self->table->cohorts->pdata[entry->cohort])->rank;
    case TRELLIS_PARTICIPANT_COLUMN_STATUS:
      return self->status_rank[entry->status];
    case TRELLIS_PARTICIPANT_COLUMN_BASELINE_DATE:
      return entry->baseline != 0 ? entry->baseline : G_MAXUINT32;
    case TRELLIS_PARTICIPANT_COLUMN_CONSENT:
      return self->consent_rank[entry->consent];
    case TRELLIS_PARTICIPANT_COLUMN_CODE:
    default:
      return index;
    }
}

static int
compare_keys (gconstpointer a,
              gconstpointer b)
{
  guint64 ka = *(const guint64 *) a;
  guint64 kb = *(const guint64 *) b;

  return (ka > kb) - (ka < kb);
}

/* Each row's key is its rank in the column (inverted when descending) above
 * its index; rows are held in code order, so ties go by code, ascending, and
 * every key is distinct: the order is total and so stable. */
static void
sort_order (TrellisParticipantList *self)
{
  guint n = n_entries (self);
  g_autofree guint64 *keys = g_new (guint64, MAX (n, 1));

  for (guint32 i = 0; i < n; i++)
    {
      guint32 rank = sort_rank (self, i);

      if (self->descending)
        rank = G_MAXUINT32 - rank;
      keys[i] = ((guint64) rank << 32) | i;
    }
  qsort (keys, n, sizeof (guint64), compare_keys);
  for (guint i = 0; i < n; i++)
    self->order[i] = (guint32) keys[i];
}

/* The visible rows follow the order: a new sort keeps the filter's answers. */
static void
visible_from_order (TrellisParticipantList *self)
{
  guint n = n_entries (self);
  guint m = 0;

  for (guint k = 0; k < n; k++)
    if (self->matched[self->order[k]])
      self->visible[m++] = self->order[k];
  self->n_visible = m;
}

/* ---- Filtering ---- */

static char **
split_words (const char *text)
{
  g_autofree char *folded = fold (text != NULL ? text : "");
  g_auto(GStrv) parts = g_strsplit_set (folded, " \t\n\r\f\v", -1);
  g_autoptr(GStrvBuilder) builder = g_strv_builder_new ();
  guint n = 0;

  for (guint i = 0; parts[i] != NULL; i++)
    if (parts[i][0] != '\0')
      {
        g_strv_builder_add (builder, parts[i]);
        n++;
      }
  return n > 0 ? g_strv_builder_end (builder) : NULL;
}

static void
prepare_test (TrellisParticipantList *self,
              WordTest               *test,
              const char             *word)
{
  GPtrArray *cohorts = self->table->cohorts;

  test->word = word;
  test->label_mask = 0;
  for (guint s = 0; s < N_STATUSES; s++)
    for (guint c = 0; c < N_CONSENT_STATES; c++)
      if (strstr (self->status_keys[s], word) != NULL || strstr (self->consent_keys[c], word) != NULL)
        test->label_mask |= 1u << (s * N_CONSENT_STATES + c);

  test->cohort_hits = g_new0 (guint8, MAX (cohorts->len, 1));
  for (guint i = 0; i < cohorts->len; i++)
    test->cohort_hits[i] = strstr (((Cohort *) cohorts->pdata[i])->key, word) != NULL;
}

/* Every word must be found in some field: the code, the cohort, the status or
 * the consent state. */
static inline gboolean
entry_matches (const Entry    *entry,
               const WordTest *tests,
               guint           n_tests)
{
  for (guint i = 0; i < n_tests; i++)
    {
      const WordTest *test = &tests[i];

      if ((test->label_mask >> (entry->status * N_CONSENT_STATES + entry->consent)) & 1)
        continue;
      if (test->cohort_hits[entry->cohort])
        continue;
      if (strstr (entry->code_key, test->word) != NULL)
        continue;
      return FALSE;
    }
  return TRUE;
}

/* Tests the rows in SOURCE (NARROW: the visible rows, else the whole order)
 * and keeps those that match, in order. Writing visible while reading it is
 * safe: a row is written at or before the place it was read from. */
static void
run_filter (TrellisParticipantList *self,
            gboolean                narrow)
{
  guint n_words = self->words != NULL ? g_strv_length (self->words) : 0;
  const guint32 *source = narrow ? self->visible : self->order;
  guint n_source = narrow ? self->n_visible : n_entries (self);
  g_autofree WordTest *tests = g_new0 (WordTest, MAX (n_words, 1));
  guint m = 0;

  for (guint w = 0; w < n_words; w++)
    prepare_test (self, &tests[w], self->words[w]);
  if (!narrow)
    memset (self->matched, 0, n_entries (self));

  for (guint k = 0; k < n_source; k++)
    {
      guint32 index = source[k];
      gboolean match = entry_matches (entry_at (self, index), tests, n_words);

      self->matched[index] = match;
      if (match)
        self->visible[m++] = index;
    }
  self->n_visible = m;

  for (guint w = 0; w < n_words; w++)
    g_free (tests[w].cohort_hits);
}

/* A row that matches NEW matches OLD when every old word is part of some new
 * word: the field holding the new word holds the old one too. */
static gboolean
narrows (char **old_words,
         char **new_words)
{
  if (old_words == NULL)
    return TRUE;
  if (new_words == NULL)
    return FALSE;
  for (guint i = 0; old_words[i] != NULL; i++)
    {
      gboolean found = FALSE;

      for (guint j = 0; new_words[j] != NULL && !found; j++)
        found = strstr (new_words[j], old_words[i]) != NULL;
      if (!found)
        return FALSE;
    }
  return TRUE;
}

/* ---- The model ---- */

static void
replace_all (TrellisParticipantList *self,
             guint                   old_n)
{
  if (old_n > 0 || self->n_visible > 0)
    g_list_model_items_changed (G_LIST_MODEL (self), 0, old_n, self->n_visible);
}

static GType
list_get_item_type (GListModel *model)
{
  return TRELLIS_TYPE_PARTICIPANT_ROW;
}

static guint
list_get_n_items (GListModel *model)
{
  return TRELLIS_PARTICIPANT_LIST (model)->n_visible;
}

static gpointer
list_get_item (GListModel *model,
               guint       position)
{
  TrellisParticipantList *self = TRELLIS_PARTICIPANT_LIST (model);
  g_autofree char *baseline = NULL;
  const Entry *entry;

  if (position >= self->n_visible)
    return NULL;

  entry = entry_at (self, self->visible[position]);
  if (entry->baseline != 0 && g_date_valid_julian (entry->baseline))
    {
      GDate date;

      g_date_clear (&date, 1);
      g_date_set_julian (&date, entry->baseline);
      baseline = trellis_date_format (&date);
    }
  return trellis_participant_row_new (entry->id, entry->code,
                                      ((Cohort *) self->table->cohorts->pdata[entry->cohort])->name,
                                      entry->status, baseline, entry->consent);
}

static void
list_model_iface_init (GListModelInterface *iface)
{
  iface->get_item_type = list_get_item_type;
  iface->get_n_items = list_get_n_items;
  iface->get_item = list_get_item;
}

static void
trellis_participant_list_dispose (GObject *object)
{
  TrellisParticipantList *self = TRELLIS_PARTICIPANT_LIST (object);

  g_clear_object (&self->db);

  G_OBJECT_CLASS (trellis_participant_list_parent_class)->dispose (object);
}

static void
trellis_participant_list_finalize (GObject *object)
{
  TrellisParticipantList *self = TRELLIS_PARTICIPANT_LIST (object);

  g_clear_pointer (&self->table, table_free);
  g_clear_pointer (&self->order, g_free);
  g_clear_pointer (&self->visible, g_free);
  g_clear_pointer (&self->matched, g_free);
  g_clear_pointer (&self->filter_text, g_free);
  g_clear_pointer (&self->words, g_strfreev);
  for (guint i = 0; i < N_STATUSES; i++)
    g_free (self->status_keys[i]);
  for (guint i = 0; i < N_CONSENT_STATES; i++)
    g_free (self->consent_keys[i]);

  G_OBJECT_CLASS (trellis_participant_list_parent_class)->finalize (object);
}

static void
trellis_participant_list_class_init (TrellisParticipantListClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->dispose = trellis_participant_list_dispose;
  object_class->finalize = trellis_participant_list_finalize;
}

/* The rank of each of N labels in collation order. */
static void
rank_labels (const char **labels,
             guint32     *ranks,
             guint        n)
{
  for (guint i = 0; i < n; i++)
    {
      ranks[i] = 0;
      for (guint j = 0; j < n; j++)
        {
          int cmp = g_utf8_collate (labels[j], labels[i]);

          if (cmp < 0 || (cmp == 0 && j < i))
            ranks[i]++;
        }
    }
}

/* Labels are translated once the locale is set, which is before any list exists. */
static void
trellis_participant_list_init (TrellisParticipantList *self)
{
  const char *status_labels[N_STATUSES];
  const char *consent_labels[N_CONSENT_STATES];

  for (guint i = 0; i < N_STATUSES; i++)
    {
      status_labels[i] = trellis_participant_status_to_label (i);
      self->status_keys[i] = fold (status_labels[i]);
    }
  for (guint i = 0; i < N_CONSENT_STATES; i++)
    {
      consent_labels[i] = trellis_consent_state_to_label (i);
      self->consent_keys[i] = fold (consent_labels[i]);
    }
  rank_labels (status_labels, self->status_rank, N_STATUSES);
  rank_labels (consent_labels, self->consent_rank, N_CONSENT_STATES);

  /* Allocated from the start, so an empty list needs no special case. */
  self->table = table_new ();
  self->order = g_new0 (guint32, 1);
  self->visible = g_new0 (guint32, 1);
  self->matched = g_new0 (guint8, 1);
  self->filter_text = g_strdup ("");
  self->sort_column = TRELLIS_PARTICIPANT_COLUMN_CODE;
}

TrellisParticipantList *
trellis_participant_list_new (TrellisDatabase *db)
{
  TrellisParticipantList *self;

  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);

  self = g_object_new (TRELLIS_TYPE_PARTICIPANT_LIST, NULL);
  self->db = g_object_ref (db);
  return self;
}

/* Reads the register in DB: every participant, or with FIRST_ROWS > 0 only
 * the first FIRST_ROWS in code order, which costs the same however many the
 * study has. Any thread, on a connection no other thread uses meanwhile;
 * NULL with an error if the read failed. */
TrellisParticipantTable *
trellis_participant_table_read (TrellisDatabase  *db,
                                guint             first_rows,
                                GError          **error)
{
  g_return_val_if_fail (TRELLIS_IS_DATABASE (db), NULL);
  g_return_val_if_fail (error == NULL || *error == NULL, NULL);

  return load_table (db, first_rows, error);
}

/* The first rows, all of them in code order, whatever the filter and sort. */
static void
show_in_code_order (TrellisParticipantList *self)
{
  guint n = n_entries (self);

  for (guint32 i = 0; i < n; i++)
    self->order[i] = self->visible[i] = i;
  memset (self->matched, 1, n);
  self->n_visible = n;
}

/* Whether the rows now shown begin with the OLD_N rows OLD_VISIBLE showed
 * from OLD_TABLE, the same participants in the same places, so that a view
 * keeps the rows it shows. */
static gboolean
extends_visible (TrellisParticipantList *self,
                 const Table            *old_table,
                 const guint32          *old_visible,
                 guint                   old_n)
{
  if (old_n > self->n_visible)
    return FALSE;
  for (guint k = 0; k < old_n; k++)
    if (g_array_index (old_table->entries, Entry, old_visible[k]).id != entry_at (self, self->visible[k])->id)
      return FALSE;
  return TRUE;
}

/* Shows TABLE with the list's filter and sort, in one items-changed. A table
 * that completes the first rows the list showed adds the rest after them,
 * so that the rows on screen stay as they are. */
static void
install_table (TrellisParticipantList *self,
               Table                  *table)
{
  g_autoptr(TrellisParticipantTable) old_table = self->table;
  g_autofree guint32 *old_visible = self->visible;
  gboolean was_complete = table_is_complete (old_table);
  guint old_n = self->n_visible;
  guint n;

  self->table = table;
  self->version++;
  n = n_entries (self);
  g_free (self->order);
  g_free (self->matched);
  self->order = g_new (guint32, MAX (n, 1));
  self->visible = g_new (guint32, MAX (n, 1));
  self->matched = g_new0 (guint8, MAX (n, 1));

  if (table_is_complete (table))
    {
      sort_order (self);
      run_filter (self, FALSE);
    }
  else
    show_in_code_order (self);
  if (!was_complete && old_n > 0 && extends_visible (self, old_table, old_visible, old_n))
    {
      if (self->n_visible > old_n)
        g_list_model_items_changed (G_LIST_MODEL (self), old_n, 0, self->n_visible - old_n);
    }
  else
    replace_all (self, old_n);
}

/* Reads the register again, keeping the filter and the sort. On failure the
 * list keeps what it showed. */
gboolean
trellis_participant_list_reload (TrellisParticipantList  *self,
                                 GError                 **error)
{
  Table *table;

  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT_LIST (self), FALSE);
  g_return_val_if_fail (error == NULL || *error == NULL, FALSE);

  table = load_table (self->db, 0, error);
  if (table == NULL)
    return FALSE;
  install_table (self, table);
  return TRUE;
}

/* Shows TABLE (transfer full), read by trellis_participant_table_read on
 * any connection to the list's study; in the list's own thread. A table of
 * the first rows only makes the list incomplete until a complete one
 * follows: it shows those rows in code order, and keeps a filter or sort
 * asked for meanwhile until it has every row to apply it to. */
void
trellis_participant_list_take_table (TrellisParticipantList  *self,
                                     TrellisParticipantTable *table)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT_LIST (self));
  g_return_if_fail (table != NULL);

  install_table (self, table);
}

/* Whether the list holds every participant, not only the first rows. */
gboolean
trellis_participant_list_get_complete (TrellisParticipantList *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT_LIST (self), TRUE);
  return table_is_complete (self->table);
}

/* Counts the reads the list has shown, so that a read in a worker can tell
 * whether another one overtook it. */
guint
trellis_participant_list_get_version (TrellisParticipantList *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT_LIST (self), 0);
  return self->version;
}

/* Shows only the rows where every whitespace-separated word of TEXT is part of
 * the code, the cohort, the status or the consent state, ignoring case. */
void
trellis_participant_list_set_filter (TrellisParticipantList *self,
                                     const char             *text)
{
  char **words;
  gboolean narrow;
  guint old_n;

  g_return_if_fail (TRELLIS_IS_PARTICIPANT_LIST (self));

  text = text != NULL ? text : "";
  if (g_strcmp0 (text, self->filter_text) == 0)
    return;
  g_free (self->filter_text);
  self->filter_text = g_strdup (text);

  words = split_words (text);
  if ((words == NULL && self->words == NULL) ||
      (words != NULL && self->words != NULL && g_strv_equal ((const char * const *) words,
                                                             (const char * const *) self->words)))
    {
      g_strfreev (words);
      return;
    }

  narrow = narrows (self->words, words);
  g_strfreev (self->words);
  self->words = words;
  /* The first rows alone would give a wrong answer: the filter waits for the rest. */
  if (!table_is_complete (self->table))
    return;
  old_n = self->n_visible;
  run_filter (self, narrow);
  replace_all (self, old_n);
}

const char *
trellis_participant_list_get_filter (TrellisParticipantList *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT_LIST (self), NULL);
  return self->filter_text;
}

/* Sorts by COLUMN; rows that are equal there go by code, ascending. */
void
trellis_participant_list_set_sort (TrellisParticipantList   *self,
                                   TrellisParticipantColumn  column,
                                   gboolean                  descending)
{
  g_return_if_fail (TRELLIS_IS_PARTICIPANT_LIST (self));
  g_return_if_fail (column <= TRELLIS_PARTICIPANT_COLUMN_CONSENT);

  descending = !!descending;
  if (column == self->sort_column && descending == self->descending)
    return;

  self->sort_column = column;
  self->descending = descending;
  if (!table_is_complete (self->table))
    return;
  sort_order (self);
  visible_from_order (self);
  replace_all (self, self->n_visible);
}

TrellisParticipantColumn
trellis_participant_list_get_sort_column (TrellisParticipantList *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT_LIST (self), TRELLIS_PARTICIPANT_COLUMN_CODE);
  return self->sort_column;
}

gboolean
trellis_participant_list_get_sort_descending (TrellisParticipantList *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT_LIST (self), FALSE);
  return self->descending;
}

/* Every participant on the register, whatever the filter, and however many
 * of them the list has read. */
guint
trellis_participant_list_get_n_total (TrellisParticipantList *self)
{
  g_return_val_if_fail (TRELLIS_IS_PARTICIPANT_LIST (self), 0);
  return self->table->n_total;
}
