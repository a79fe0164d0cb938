/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-database.h"
#include "trellis-instrument.h"
#include "trellis-register-rules.h"
#include "trellis-response-import.h"

G_BEGIN_DECLS

/* Shared by the response import's three files: the catalog of what the study
 * holds (trellis-response-catalog.c), the reader that checks a file against
 * it (trellis-response-import.c) and the writer (trellis-response-writer.c). */

/* A visit on file that was marked missed, in TrellisResponseCatalog.on_file. */
#define TRELLIS_RESPONSE_MISSED G_MAXUINT32

typedef struct
{
  gint64 id;
  char *code;
  TrellisWithdrawalFacts withdrawal;
} TrellisResponseParticipant;

typedef struct
{
  TrellisInstrument *instrument;   /* owned by the catalog's instrument list */
  const char *code;
  guint offset;                    /* of its first item among a visit's values */
  guint n_items;
  const TrellisItemSpec *specs;    /* the instrument's, n_items of them */
  TrellisScoringRule rule;         /* for a score given in place of items */
  GHashTable *items;               /* item code, ASCII case-insensitive → index + 1 */
} TrellisResponseInstrument;

/* Everything the rows are checked against, loaded once, so that checking a
 * row never asks SQLite anything. */
typedef struct
{
  GArray *participants;        /* TrellisResponseParticipant */
  GHashTable *codes;           /* study code → index + 1 */
  GPtrArray *timepoints;       /* TrellisTimepoint, in plan order */
  GPtrArray *instrument_list;  /* TrellisInstrument, in order */
  GArray *instruments;         /* TrellisResponseInstrument, the same order */
  guint n_values;              /* items of all instruments: the values of one visit */
  /* For each participant × timepoint: 0 if no visit is on file, its
   * completion date as a Julian day, or TRELLIS_RESPONSE_MISSED. */
  guint32 *on_file;
} TrellisResponseCatalog;

gboolean trellis_response_catalog_load             (TrellisResponseCatalog  *catalog,
                                                    TrellisDatabase         *db,
                                                    GError                 **error);
void     trellis_response_catalog_clear            (TrellisResponseCatalog  *catalog);
int      trellis_response_catalog_find_participant (TrellisResponseCatalog  *catalog,
                                                    const char              *text);
int      trellis_response_catalog_find_timepoint   (TrellisResponseCatalog  *catalog,
                                                    const char              *text);
int      trellis_response_catalog_find_instrument  (TrellisResponseCatalog  *catalog,
                                                    const char              *text);
int      trellis_response_catalog_find_item        (TrellisResponseCatalog  *catalog,
                                                    guint                    instrument,
                                                    const char              *text);
const char *trellis_response_catalog_list_timepoints  (TrellisResponseCatalog *catalog,
                                                       GString                *out);
const char *trellis_response_catalog_list_instruments (TrellisResponseCatalog *catalog,
                                                       GString                *out);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TrellisResponseCatalog, trellis_response_catalog_clear)

/* ---- Problems and the header (trellis-response-header.c) ---- */

typedef struct
{
  const char *file_name;
  GPtrArray *list;         /* TrellisImportProblem, the first TRELLIS_IMPORT_MAX_PROBLEMS */
  guint count;             /* all of them */
} TrellisResponseProblems;

void       trellis_response_problems_init      (TrellisResponseProblems  *problems,
                                                const char               *file_name);
void       trellis_response_problems_clear     (TrellisResponseProblems  *problems);
void       trellis_response_problems_add       (TrellisResponseProblems  *problems,
                                                guint                     line,
                                                const char               *column,
                                                const char               *value,
                                                const char               *format,
                                                ...) G_GNUC_PRINTF (5, 6);
void       trellis_response_problems_add_error (TrellisResponseProblems  *problems,
                                                guint                     line,
                                                const char               *column,
                                                const char               *value,
                                                const GError             *error);
GPtrArray *trellis_response_problems_steal     (TrellisResponseProblems  *problems);

/* The columns a responses file may have besides item columns. */
typedef enum
{
  TRELLIS_RESPONSE_COLUMN_PARTICIPANT,
  TRELLIS_RESPONSE_COLUMN_TIMEPOINT,
  TRELLIS_RESPONSE_COLUMN_COMPLETED,
  TRELLIS_RESPONSE_COLUMN_INSTRUMENT,   /* this and the next two: long form only */
  TRELLIS_RESPONSE_COLUMN_ITEM,
  TRELLIS_RESPONSE_COLUMN_VALUE,
  TRELLIS_RESPONSE_COLUMN_COHORT,       /* accepted, not read: the register knows it */
  TRELLIS_RESPONSE_N_COLUMNS,
} TrellisResponseColumn;

#define TRELLIS_RESPONSE_FIRST_LONG_COLUMN TRELLIS_RESPONSE_COLUMN_INSTRUMENT

/* A wide file's column: the item it holds, or -1, -1 for none. A column
 * of an instrument's score has one of these in place of an item: */
#define TRELLIS_RESPONSE_SCORE_GIVEN    (-2)   /* named by the instrument's code: a score in place of items */
#define TRELLIS_RESPONSE_SCORE_EXPORTED (-3)   /* INSTRUMENT_score: read only where the row has no items */

typedef struct
{
  int instrument;
  int item;
} TrellisResponseItemColumn;

typedef struct
{
  TrellisResponseForm form;
  int columns[TRELLIS_RESPONSE_N_COLUMNS];   /* index in the header, or -1 */
  guint n_columns;
  GArray *item_columns;                      /* TrellisResponseItemColumn, one per column */
  guint n_item_columns;
} TrellisResponseLayout;

TrellisResponseForm trellis_response_layout_detect_form (GPtrArray                *header);
gboolean            trellis_response_layout_map         (TrellisResponseLayout    *layout,
                                                         TrellisResponseCatalog   *catalog,
                                                         GPtrArray                *header,
                                                         TrellisResponseProblems  *problems);
void                trellis_response_layout_clear       (TrellisResponseLayout    *layout);

/* ---- The writer (trellis-response-writer.c) ---- */

/* One visit the file records. */
typedef struct
{
  guint32 participant;   /* index in the catalog */
  guint32 timepoint;     /* index in the plan */
  guint32 completed;     /* Julian day; 0 until a row gives the date */
  guint line;            /* its first row */
  guint date_line;       /* the row its date came from */
  guint n_rows;          /* rows of the file it came from */
} TrellisResponseVisit;

/* A file that passed every check, ready to write. */
typedef struct
{
  TrellisDatabase *db;
  const char *file_name;
  TrellisResponseCatalog *catalog;
  GArray *visits;                    /* TrellisResponseVisit */
  const int *values;                 /* catalog->n_values for each visit */
  const double *scores;              /* a score given for each visit and instrument, NAN for none */
  guint n_rows;                      /* data rows in the file */
  TrellisImportProgressFunc progress;
  gpointer user_data;
  GCancellable *cancellable;
} TrellisResponseBatch;

/* Every visit has its date, in timepoint order (trellis-response-dates.c). */
void     trellis_response_check_dates  (TrellisResponseCatalog      *catalog,
                                        GArray                      *visits,
                                        const guint32               *slots,
                                        TrellisResponseProblems     *problems);

gboolean trellis_response_writer_write (const TrellisResponseBatch  *batch,
                                        guint                       *n_sheets,
                                        GError                     **error);

/* The same in steps, for a file written while it is still being read. */
typedef struct _TrellisResponseWriter TrellisResponseWriter;

TrellisResponseWriter *trellis_response_writer_begin  (const TrellisResponseBatch  *batch,
                                                       GError                     **error);
gboolean               trellis_response_writer_add    (TrellisResponseWriter       *writer,
                                                       const TrellisResponseVisit  *visits,
                                                       const int                   *values,
                                                       const double                *scores,
                                                       guint                        n_visits,
                                                       GError                     **error);
gboolean               trellis_response_writer_commit (TrellisResponseWriter       *writer,
                                                       guint                       *n_sheets,
                                                       GError                     **error);
void                   trellis_response_writer_free   (TrellisResponseWriter       *writer);

G_DEFINE_AUTOPTR_CLEANUP_FUNC (TrellisResponseWriter, trellis_response_writer_free)

/* _add () in two halves that may run in two threads at once: _prepare ()
 * scores the visits' sheets and makes their text and audit digests, _insert
 * () inserts them, in the same order. */
typedef struct _TrellisResponseRows TrellisResponseRows;

TrellisResponseRows *trellis_response_rows_new       (void);
void                 trellis_response_rows_free      (TrellisResponseRows         *rows);
guint                trellis_response_rows_get_n_visits (const TrellisResponseRows *rows);
void                 trellis_response_writer_prepare (TrellisResponseWriter       *writer,
                                                      const TrellisResponseVisit  *visits,
                                                      const int                   *values,
                                                      const double                *scores,
                                                      guint                        n_visits,
                                                      TrellisResponseRows         *rows);
gboolean             trellis_response_writer_insert  (TrellisResponseWriter       *writer,
                                                      const TrellisResponseRows   *rows,
                                                      GError                     **error);

/* The writer in a second thread, fed a wide file's visits as they are read
 * (trellis-response-stream.c). */
typedef struct _TrellisResponseStream TrellisResponseStream;

TrellisResponseStream *trellis_response_stream_start        (TrellisDatabase             *db,
                                                             const char                  *file_name,
                                                             TrellisResponseCatalog      *catalog,
                                                             guint                        rows_hint,
                                                             GCancellable                *cancellable,
                                                             GError                     **error);
void                   trellis_response_stream_add          (TrellisResponseStream       *stream,
                                                             const TrellisResponseVisit  *visit,
                                                             const int                   *values,
                                                             const double                *scores);
void                   trellis_response_stream_abandon      (TrellisResponseStream       *stream);
guint                  trellis_response_stream_rows_written (TrellisResponseStream       *stream);
gboolean               trellis_response_stream_commit       (TrellisResponseStream       *stream,
                                                             guint                       *n_sheets,
                                                             GError                     **error);
void                   trellis_response_stream_free         (TrellisResponseStream       *stream);

/* ---- The text it stores (trellis-response-audit.c) ---- */

/* The answers of one sheet as trellis_answer_sheet_render () writes them,
 * appended to out without allocating. */
void     trellis_response_render_answers (GString           *out,
                                          TrellisInstrument *instrument,
                                          const int         *values);

/* Stored answers into values (one per item, TRELLIS_ITEM_UNANSWERED where
 * none), reading the text Trellis writes without a JSON parser, and any
 * other text with trellis_answer_sheet_parse (). */
gboolean trellis_response_parse_answers  (TrellisInstrument  *instrument,
                                          const char         *json,
                                          int                *values,
                                          GError            **error);

/* A table's bulk audit row, made as its rows are inserted. */
typedef struct
{
  TrellisDatabase *db;
  const char *table;
  GString *text;          /* the bulk row: each id's digest */
  GString *value;         /* the last row's audit value */
  char *first_value;      /* the first row's */
  gint64 first_id;
  guint count;
} TrellisResponseAudit;

void     trellis_response_audit_init      (TrellisResponseAudit  *audit,
                                           TrellisDatabase       *db,
                                           const char            *table,
                                           gint64                 first_id,
                                           gsize                  size_hint);
void     trellis_response_audit_clear     (TrellisResponseAudit  *audit);
void     trellis_response_audit_add_visit (TrellisResponseAudit  *audit,
                                           gint64                 participant_id,
                                           gint64                 timepoint_id,
                                           const char            *completed_date);
void     trellis_response_audit_add_sheet (TrellisResponseAudit  *audit,
                                           gint64                 visit_id,
                                           gint64                 instrument_id,
                                           const char            *answers,
                                           gsize                  answers_length,
                                           const TrellisScore    *score,
                                           int                    rule_version);
gboolean trellis_response_audit_append    (TrellisResponseAudit  *audit,
                                           const char            *reason,
                                           GError               **error);

G_END_DECLS
