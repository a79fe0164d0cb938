/* SPDX-License-Identifier: GPL-3.0-or-later */
#pragma once

#include "trellis-instrument.h"
#include "trellis-redcap-dictionary.h"

G_BEGIN_DECLS

/* The parts of the REDCap dictionary's reader and writer they share. */

typedef enum
{
  TRELLIS_REDCAP_COLUMN_NONE = -1,
  TRELLIS_REDCAP_COLUMN_VARIABLE,
  TRELLIS_REDCAP_COLUMN_FORM,
  TRELLIS_REDCAP_COLUMN_SECTION,
  TRELLIS_REDCAP_COLUMN_TYPE,
  TRELLIS_REDCAP_COLUMN_LABEL,
  TRELLIS_REDCAP_COLUMN_CHOICES,
  TRELLIS_REDCAP_COLUMN_NOTE,
  TRELLIS_REDCAP_COLUMN_VALIDATION,
  TRELLIS_REDCAP_COLUMN_MIN,
  TRELLIS_REDCAP_COLUMN_MAX,
  TRELLIS_REDCAP_COLUMN_IDENTIFIER,
  TRELLIS_REDCAP_COLUMN_BRANCHING,
  TRELLIS_REDCAP_COLUMN_REQUIRED,
  TRELLIS_REDCAP_COLUMN_ALIGNMENT,
  TRELLIS_REDCAP_COLUMN_QUESTION_NUMBER,
  TRELLIS_REDCAP_COLUMN_MATRIX_GROUP,
  TRELLIS_REDCAP_COLUMN_MATRIX_RANKING,
  TRELLIS_REDCAP_COLUMN_ANNOTATION,
} TrellisRedcapColumn;

/* One action tag of a Field Annotation: "@TRELLIS-ITEM=BRS1" has the name
 * "ITEM" and the value "BRS1"; a flag such as @TRELLIS-REVERSE has none. */
typedef struct
{
  char *name;
  char *value;
} TrellisRedcapTag;

GPtrArray *trellis_redcap_tags_parse  (const char  *text,
                                       GError     **error);
void       trellis_redcap_tag_append  (GString     *out,
                                       const char  *name,
                                       const char  *value);
char      *trellis_redcap_choices_format (const char *const *labels,
                                          int                first);
gboolean   trellis_redcap_choices_parse  (const char  *text,
                                          int         *first,
                                          GStrv       *labels,
                                          GError     **error);

/* Problems and notes found while reading, each naming file, line, column
 * and value; past TRELLIS_IMPORT_MAX_PROBLEMS problems are only counted. */
typedef struct
{
  const char *file_name;
  GPtrArray *problems;   /* TrellisImportProblem */
  GPtrArray *notes;      /* TrellisImportProblem */
  guint n_problems;
  guint n_notes;
} TrellisRedcapReport;

void trellis_redcap_report_init    (TrellisRedcapReport *report,
                                    const char          *file_name);
void trellis_redcap_report_clear   (TrellisRedcapReport *report);
void trellis_redcap_report_problem (TrellisRedcapReport *report,
                                    guint                line,
                                    TrellisRedcapColumn  column,
                                    const char          *value,
                                    const char          *format,
                                    ...) G_GNUC_PRINTF (5, 6);
void trellis_redcap_report_note    (TrellisRedcapReport *report,
                                    guint                line,
                                    TrellisRedcapColumn  column,
                                    const char          *value,
                                    const char          *format,
                                    ...) G_GNUC_PRINTF (5, 6);
void trellis_redcap_report_line    (TrellisRedcapReport *report,
                                    guint                line,
                                    const char          *message);
void trellis_redcap_report_finish  (TrellisRedcapReport *report,
                                    GPtrArray          **notes,
                                    GPtrArray          **problems);

G_DEFINE_AUTO_CLEANUP_CLEAR_FUNC (TrellisRedcapReport, trellis_redcap_report_clear)

/* A form of the dictionary as an instrument. */
typedef struct
{
  TrellisInstrument *instrument;
  char *name;
  guint line;          /* the form's first line */
  gboolean has_rule;   /* its label and rule came from @TRELLIS-INSTRUMENT */
} TrellisRedcapForm;

void       trellis_redcap_form_free   (TrellisRedcapForm   *form);
GPtrArray *trellis_redcap_read_forms  (TrellisRedcapReport *report,
                                       GBytes              *bytes);

G_END_DECLS
