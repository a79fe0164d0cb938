/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include "trellis-cohort.h"

struct _TrellisCohort
{
  GObject parent_instance;

  gint64 id;
  char *name;
  gint64 profession_id;
  char *profession;
  char *site;
  char *start_date;
  gboolean archived;
  int n_participants;
};

G_DEFINE_FINAL_TYPE (TrellisCohort, trellis_cohort, G_TYPE_OBJECT)

enum {
  PROP_0,
  PROP_ID,
  PROP_NAME,
  PROP_PROFESSION_ID,
  PROP_PROFESSION,
  PROP_SITE,
  PROP_START_DATE,
  PROP_ARCHIVED,
  PROP_N_PARTICIPANTS,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

/* g_set_str() arrived in GLib 2.76; bookworm has 2.74. */
static gboolean
replace_string (char       **field,
                const char  *value)
{
  if (g_strcmp0 (*field, value) == 0)
    return FALSE;
  g_free (*field);
  *field = g_strdup (value);
  return TRUE;
}

static void
trellis_cohort_finalize (GObject *object)
{
  TrellisCohort *self = TRELLIS_COHORT (object);

  g_clear_pointer (&self->name, g_free);
  g_clear_pointer (&self->profession, g_free);
  g_clear_pointer (&self->site, g_free);
  g_clear_pointer (&self->start_date, g_free);

  G_OBJECT_CLASS (trellis_cohort_parent_class)->finalize (object);
}

static void
trellis_cohort_get_property (GObject    *object,
                             guint       prop_id,
                             GValue     *value,
                             GParamSpec *pspec)
{
  TrellisCohort *self = TRELLIS_COHORT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_NAME: g_value_set_string (value, self->name); break;
    case PROP_PROFESSION_ID: g_value_set_int64 (value, self->profession_id); break;
    case PROP_PROFESSION: g_value_set_string (value, self->profession); break;
    case PROP_SITE: g_value_set_string (value, self->site); break;
    case PROP_START_DATE: g_value_set_string (value, self->start_date); break;
    case PROP_ARCHIVED: g_value_set_boolean (value, self->archived); break;
    case PROP_N_PARTICIPANTS: g_value_set_int (value, self->n_participants); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_cohort_set_property (GObject      *object,
                             guint         prop_id,
                             const GValue *value,
                             GParamSpec   *pspec)
{
  TrellisCohort *self = TRELLIS_COHORT (object);

  switch (prop_id)
    {
    case PROP_ID: trellis_cohort_set_id (self, g_value_get_int64 (value)); break;
    case PROP_NAME: trellis_cohort_set_name (self, g_value_get_string (value)); break;
    case PROP_PROFESSION_ID: trellis_cohort_set_profession_id (self, g_value_get_int64 (value)); break;
    case PROP_PROFESSION: trellis_cohort_set_profession (self, g_value_get_string (value)); break;
    case PROP_SITE: trellis_cohort_set_site (self, g_value_get_string (value)); break;
    case PROP_START_DATE: trellis_cohort_set_start_date (self, g_value_get_string (value)); break;
    case PROP_ARCHIVED: trellis_cohort_set_archived (self, g_value_get_boolean (value)); break;
    case PROP_N_PARTICIPANTS: trellis_cohort_set_n_participants (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_cohort_class_init (TrellisCohortClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);
  const GParamFlags flags = G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS;

  object_class->finalize = trellis_cohort_finalize;
  object_class->get_property = trellis_cohort_get_property;
  object_class->set_property = trellis_cohort_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_NAME] =
    g_param_spec_string ("name", NULL, NULL, NULL, flags);
  properties[PROP_PROFESSION_ID] =
    g_param_spec_int64 ("profession-id", NULL, NULL, 0, G_MAXINT64, 0, flags);
  properties[PROP_PROFESSION] =
    g_param_spec_string ("profession", NULL, NULL, NULL, flags);
  properties[PROP_SITE] =
    g_param_spec_string ("site", NULL, NULL, NULL, flags);
  properties[PROP_START_DATE] =
    g_param_spec_string ("start-date", NULL, NULL, NULL, flags);
  properties[PROP_ARCHIVED] =
    g_param_spec_boolean ("archived", NULL, NULL, FALSE, flags);
  properties[PROP_N_PARTICIPANTS] =
    g_param_spec_int ("n-participants", NULL, NULL, 0, G_MAXINT, 0, flags);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trellis_cohort_init (TrellisCohort *self)
{
}

TrellisCohort *
trellis_cohort_new (void)
{
  return g_object_new (TRELLIS_TYPE_COHORT, NULL);
}

gint64
trellis_cohort_get_id (TrellisCohort *self)
{
  g_return_val_if_fail (TRELLIS_IS_COHORT (self), 0);
  return self->id;
}

void
trellis_cohort_set_id (TrellisCohort *self,
                       gint64         value)
{
  g_return_if_fail (TRELLIS_IS_COHORT (self));

  if (self->id == value)
    return;
  self->id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
trellis_cohort_get_name (TrellisCohort *self)
{
  g_return_val_if_fail (TRELLIS_IS_COHORT (self), NULL);
  return self->name;
}

void
trellis_cohort_set_name (TrellisCohort *self,
                         const char    *value)
{
  g_return_if_fail (TRELLIS_IS_COHORT (self));

  if (replace_string (&self->name, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_NAME]);
}

gint64
trellis_cohort_get_profession_id (TrellisCohort *self)
{
  g_return_val_if_fail (TRELLIS_IS_COHORT (self), 0);
  return self->profession_id;
}

void
trellis_cohort_set_profession_id (TrellisCohort *self,
                                  gint64         value)
{
  g_return_if_fail (TRELLIS_IS_COHORT (self));

  if (self->profession_id == value)
    return;
  self->profession_id = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFESSION_ID]);
}

/* The profession's name, as the study's list spells it. */
const char *
trellis_cohort_get_profession (TrellisCohort *self)
{
  g_return_val_if_fail (TRELLIS_IS_COHORT (self), NULL);
  return self->profession;
}

void
trellis_cohort_set_profession (TrellisCohort *self,
                               const char    *value)
{
  g_return_if_fail (TRELLIS_IS_COHORT (self));

  if (replace_string (&self->profession, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_PROFESSION]);
}

const char *
trellis_cohort_get_site (TrellisCohort *self)
{
  g_return_val_if_fail (TRELLIS_IS_COHORT (self), NULL);
  return self->site;
}

void
trellis_cohort_set_site (TrellisCohort *self,
                         const char    *value)
{
  g_return_if_fail (TRELLIS_IS_COHORT (self));

  if (replace_string (&self->site, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_SITE]);
}

/* YYYY-MM-DD, or NULL when not set. */
const char *
trellis_cohort_get_start_date (TrellisCohort *self)
{
  g_return_val_if_fail (TRELLIS_IS_COHORT (self), NULL);
  return self->start_date;
}

void
trellis_cohort_set_start_date (TrellisCohort *self,
                               const char    *value)
{
  g_return_if_fail (TRELLIS_IS_COHORT (self));

  if (replace_string (&self->start_date, value))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_START_DATE]);
}

gboolean
trellis_cohort_get_archived (TrellisCohort *self)
{
  g_return_val_if_fail (TRELLIS_IS_COHORT (self), FALSE);
  return self->archived;
}

void
trellis_cohort_set_archived (TrellisCohort *self,
                             gboolean       value)
{
  g_return_if_fail (TRELLIS_IS_COHORT (self));

  if (self->archived == !!value)
    return;
  self->archived = !!value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ARCHIVED]);
}

/* How many participants the cohort has, withdrawn ones included. */
int
trellis_cohort_get_n_participants (TrellisCohort *self)
{
  g_return_val_if_fail (TRELLIS_IS_COHORT (self), 0);
  return self->n_participants;
}

void
trellis_cohort_set_n_participants (TrellisCohort *self,
                                   int            value)
{
  g_return_if_fail (TRELLIS_IS_COHORT (self));

  if (self->n_participants == value)
    return;
  self->n_participants = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_N_PARTICIPANTS]);
}
