/* SPDX-License-Identifier: GPL-3.0-or-later */
#include "config.h"

#include <glib/gi18n.h>

#include "trellis-timepoint.h"

struct _TrellisTimepoint
{
  GObject parent_instance;

  gint64 id;
  char *code;
  char *label;
  int target_day;
  int window_min;
  int window_max;
  int position;
  TrellisAnchor anchor;
};

G_DEFINE_FINAL_TYPE (TrellisTimepoint, trellis_timepoint, G_TYPE_OBJECT)

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

enum {
  PROP_0,
  PROP_ID,
  PROP_CODE,
  PROP_LABEL,
  PROP_TARGET_DAY,
  PROP_WINDOW_MIN,
  PROP_WINDOW_MAX,
  PROP_POSITION,
  PROP_ANCHOR,
  N_PROPS
};

static GParamSpec *properties[N_PROPS];

static void
trellis_timepoint_finalize (GObject *object)
{
  TrellisTimepoint *self = TRELLIS_TIMEPOINT (object);

  g_clear_pointer (&self->code, g_free);
  g_clear_pointer (&self->label, g_free);

  G_OBJECT_CLASS (trellis_timepoint_parent_class)->finalize (object);
}

static void
trellis_timepoint_get_property (GObject    *object,
                                guint       prop_id,
                                GValue     *value,
                                GParamSpec *pspec)
{
  TrellisTimepoint *self = TRELLIS_TIMEPOINT (object);

  switch (prop_id)
    {
    case PROP_ID: g_value_set_int64 (value, self->id); break;
    case PROP_CODE: g_value_set_string (value, self->code); break;
    case PROP_LABEL: g_value_set_string (value, self->label); break;
    case PROP_TARGET_DAY: g_value_set_int (value, self->target_day); break;
    case PROP_WINDOW_MIN: g_value_set_int (value, self->window_min); break;
    case PROP_WINDOW_MAX: g_value_set_int (value, self->window_max); break;
    case PROP_POSITION: g_value_set_int (value, self->position); break;
    case PROP_ANCHOR: g_value_set_int (value, self->anchor); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static void
trellis_timepoint_set_property (GObject      *object,
                                guint         prop_id,
                                const GValue *value,
                                GParamSpec   *pspec)
{
  TrellisTimepoint *self = TRELLIS_TIMEPOINT (object);

  switch (prop_id)
    {
    case PROP_ID: trellis_timepoint_set_id (self, g_value_get_int64 (value)); break;
    case PROP_CODE: trellis_timepoint_set_code (self, g_value_get_string (value)); break;
    case PROP_LABEL: trellis_timepoint_set_label (self, g_value_get_string (value)); break;
    case PROP_TARGET_DAY: trellis_timepoint_set_target_day (self, g_value_get_int (value)); break;
    case PROP_WINDOW_MIN: trellis_timepoint_set_window_min (self, g_value_get_int (value)); break;
    case PROP_WINDOW_MAX: trellis_timepoint_set_window_max (self, g_value_get_int (value)); break;
    case PROP_POSITION: trellis_timepoint_set_position (self, g_value_get_int (value)); break;
    case PROP_ANCHOR: trellis_timepoint_set_anchor (self, g_value_get_int (value)); break;
    default: G_OBJECT_WARN_INVALID_PROPERTY_ID (object, prop_id, pspec);
    }
}

static GParamSpec *
int_property (const char *name)
{
  return g_param_spec_int (name, NULL, NULL, G_MININT, G_MAXINT, 0,
                           G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
}

static void
trellis_timepoint_class_init (TrellisTimepointClass *klass)
{
  GObjectClass *object_class = G_OBJECT_CLASS (klass);

  object_class->finalize = trellis_timepoint_finalize;
  object_class->get_property = trellis_timepoint_get_property;
  object_class->set_property = trellis_timepoint_set_property;

  properties[PROP_ID] =
    g_param_spec_int64 ("id", NULL, NULL, 0, G_MAXINT64, 0,
                        G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_CODE] =
    g_param_spec_string ("code", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_LABEL] =
    g_param_spec_string ("label", NULL, NULL, NULL,
                         G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);
  properties[PROP_TARGET_DAY] = int_property ("target-day");
  properties[PROP_WINDOW_MIN] = int_property ("window-min");
  properties[PROP_WINDOW_MAX] = int_property ("window-max");
  properties[PROP_POSITION] = int_property ("position");
  properties[PROP_ANCHOR] =
    g_param_spec_int ("anchor", NULL, NULL, 0, TRELLIS_N_ANCHORS - 1, TRELLIS_ANCHOR_BASELINE,
                      G_PARAM_READWRITE | G_PARAM_EXPLICIT_NOTIFY | G_PARAM_STATIC_STRINGS);

  g_object_class_install_properties (object_class, N_PROPS, properties);
}

static void
trellis_timepoint_init (TrellisTimepoint *self)
{
}

TrellisTimepoint *
trellis_timepoint_new (const char *code,
                       const char *label,
                       int         target_day,
                       int         window_min,
                       int         window_max)
{
  return g_object_new (TRELLIS_TYPE_TIMEPOINT,
                       "code", code,
                       "label", label,
                       "target-day", target_day,
                       "window-min", window_min,
                       "window-max", window_max,
                       NULL);
}

TrellisTimepoint *
trellis_timepoint_copy (TrellisTimepoint *self)
{
  TrellisTimepoint *copy;

  g_return_val_if_fail (TRELLIS_IS_TIMEPOINT (self), NULL);

  copy = trellis_timepoint_new (self->code, self->label, self->target_day,
                                self->window_min, self->window_max);
  copy->id = self->id;
  copy->position = self->position;
  copy->anchor = self->anchor;
  return copy;
}

gint64
trellis_timepoint_get_id (TrellisTimepoint *self)
{
  g_return_val_if_fail (TRELLIS_IS_TIMEPOINT (self), 0);
  return self->id;
}

void
trellis_timepoint_set_id (TrellisTimepoint *self,
                          gint64            id)
{
  g_return_if_fail (TRELLIS_IS_TIMEPOINT (self));
  if (self->id == id)
    return;
  self->id = id;
  g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_ID]);
}

const char *
trellis_timepoint_get_code (TrellisTimepoint *self)
{
  g_return_val_if_fail (TRELLIS_IS_TIMEPOINT (self), NULL);
  return self->code;
}

void
trellis_timepoint_set_code (TrellisTimepoint *self,
                            const char       *code)
{
  g_return_if_fail (TRELLIS_IS_TIMEPOINT (self));
  if (replace_string (&self->code, code))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_CODE]);
}

const char *
trellis_timepoint_get_label (TrellisTimepoint *self)
{
  g_return_val_if_fail (TRELLIS_IS_TIMEPOINT (self), NULL);
  return self->label;
}

void
trellis_timepoint_set_label (TrellisTimepoint *self,
                             const char       *label)
{
  g_return_if_fail (TRELLIS_IS_TIMEPOINT (self));
  if (replace_string (&self->label, label))
    g_object_notify_by_pspec (G_OBJECT (self), properties[PROP_LABEL]);
}

static void
set_int (TrellisTimepoint *self,
         int              *field,
         int               value,
         guint             prop)
{
  if (*field == value)
    return;
  *field = value;
  g_object_notify_by_pspec (G_OBJECT (self), properties[prop]);
}

int
trellis_timepoint_get_target_day (TrellisTimepoint *self)
{
  g_return_val_if_fail (TRELLIS_IS_TIMEPOINT (self), 0);
  return self->target_day;
}

void
trellis_timepoint_set_target_day (TrellisTimepoint *self,
                                  int               day)
{
  g_return_if_fail (TRELLIS_IS_TIMEPOINT (self));
  set_int (self, &self->target_day, day, PROP_TARGET_DAY);
}

int
trellis_timepoint_get_window_min (TrellisTimepoint *self)
{
  g_return_val_if_fail (TRELLIS_IS_TIMEPOINT (self), 0);
  return self->window_min;
}

void
trellis_timepoint_set_window_min (TrellisTimepoint *self,
                                  int               day)
{
  g_return_if_fail (TRELLIS_IS_TIMEPOINT (self));
  set_int (self, &self->window_min, day, PROP_WINDOW_MIN);
}

int
trellis_timepoint_get_window_max (TrellisTimepoint *self)
{
  g_return_val_if_fail (TRELLIS_IS_TIMEPOINT (self), 0);
  return self->window_max;
}

void
trellis_timepoint_set_window_max (TrellisTimepoint *self,
                                  int               day)
{
  g_return_if_fail (TRELLIS_IS_TIMEPOINT (self));
  set_int (self, &self->window_max, day, PROP_WINDOW_MAX);
}

int
trellis_timepoint_get_position (TrellisTimepoint *self)
{
  g_return_val_if_fail (TRELLIS_IS_TIMEPOINT (self), 0);
  return self->position;
}

void
trellis_timepoint_set_position (TrellisTimepoint *self,
                                int               position)
{
  g_return_if_fail (TRELLIS_IS_TIMEPOINT (self));
  set_int (self, &self->position, position, PROP_POSITION);
}

TrellisAnchor
trellis_timepoint_get_anchor (TrellisTimepoint *self)
{
  g_return_val_if_fail (TRELLIS_IS_TIMEPOINT (self), TRELLIS_ANCHOR_BASELINE);
  return self->anchor;
}

void
trellis_timepoint_set_anchor (TrellisTimepoint *self,
                              TrellisAnchor     anchor)
{
  g_return_if_fail (TRELLIS_IS_TIMEPOINT (self));
  g_return_if_fail (anchor < TRELLIS_N_ANCHORS);
  set_int (self, (int *) &self->anchor, anchor, PROP_ANCHOR);
}

/* The timepoint's rule for trellis_schedule_place (). */
void
trellis_timepoint_get_rule (TrellisTimepoint    *self,
                            TrellisScheduleRule *rule)
{
  g_return_if_fail (TRELLIS_IS_TIMEPOINT (self));
  g_return_if_fail (rule != NULL);

  rule->anchor = self->anchor;
  rule->target_day = self->target_day;
  rule->window_min = self->window_min;
  rule->window_max = self->window_max;
}

/* A one-line description for lists: "Day 35 from baseline, window days 28–42". */
char *
trellis_timepoint_describe_timing (TrellisTimepoint *self)
{
  g_return_val_if_fail (TRELLIS_IS_TIMEPOINT (self), NULL);

  switch (self->anchor)
    {
    case TRELLIS_ANCHOR_WORKSHOP:
      if (self->window_min == self->window_max)
        return g_strdup_printf (_("Day %d after the workshop"), self->target_day);
      return g_strdup_printf (_("Day %d after the workshop, window days %d–%d"),
                              self->target_day, self->window_min, self->window_max);
    case TRELLIS_ANCHOR_COACHING:
      if (self->window_min == self->window_max)
        return g_strdup_printf (_("Day %d after the coaching call"), self->target_day);
      return g_strdup_printf (_("Day %d after the coaching call, window days %d–%d"),
                              self->target_day, self->window_min, self->window_max);
    case TRELLIS_ANCHOR_BASELINE:
    default:
      if (self->window_min == self->window_max)
        return g_strdup_printf (_("Day %d from baseline"), self->target_day);
      return g_strdup_printf (_("Day %d from baseline, window days %d–%d"),
                              self->target_day, self->window_min, self->window_max);
    }
}
