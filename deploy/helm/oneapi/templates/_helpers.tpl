{{/* The release's resource name: the release name, with the chart's name unless it already has it. */}}
{{- define "oneapi.fullname" -}}
{{- if contains .Chart.Name .Release.Name -}}
{{- .Release.Name | trunc 63 | trimSuffix "-" -}}
{{- else -}}
{{- printf "%s-%s" .Release.Name .Chart.Name | trunc 63 | trimSuffix "-" -}}
{{- end -}}
{{- end -}}

{{- define "oneapi.selectorLabels" -}}
app.kubernetes.io/name: {{ .Chart.Name }}
app.kubernetes.io/instance: {{ .Release.Name }}
{{- end -}}

{{- define "oneapi.labels" -}}
{{ include "oneapi.selectorLabels" . }}
app.kubernetes.io/version: {{ .Chart.AppVersion | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service }}
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" }}
{{- end -}}

{{/* The Secret the gateway's secret variables come from: the user's, or the chart's own. */}}
{{- define "oneapi.secretName" -}}
{{- .Values.secret.existingSecret | default (include "oneapi.fullname" .) -}}
{{- end -}}

{{/*
"true" when the pod keeps SQLite on a PersistentVolumeClaim: one replica, no sqlDsn in the
values, persistence on. A ReadWriteOnce claim and an SQLite file belong to one pod at a time.
*/}}
{{- define "oneapi.sqliteClaim" -}}
{{- if and .Values.persistence.enabled (not .Values.secret.sqlDsn) (le (int .Values.replicaCount) 1) -}}
true
{{- end -}}
{{- end -}}
