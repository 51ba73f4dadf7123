{{/* The model name: Service name, model.aibrix.ai/name label and --served-model-name. */}}
{{- define "aibrix-model.name" -}}
{{- .Values.model.name -}}
{{- end }}

{{- define "aibrix-model.serviceAccountName" -}}
{{- if .Values.serviceAccount.create -}}
{{- default .Values.model.name .Values.serviceAccount.name -}}
{{- else -}}
{{- default "default" .Values.serviceAccount.name -}}
{{- end -}}
{{- end }}

{{/* Labels for people and tools, on every object. */}}
{{- define "aibrix-model.labels" -}}
app.kubernetes.io/name: {{ include "aibrix-model.name" . | quote }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
app.kubernetes.io/managed-by: {{ .Release.Service | quote }}
app.kubernetes.io/component: model-server
helm.sh/chart: {{ printf "%s-%s" .Chart.Name .Chart.Version | replace "+" "_" | trunc 63 | trimSuffix "-" | quote }}
model.aibrix.ai/name: {{ include "aibrix-model.name" . | quote }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* What the Deployment and the Service select. */}}
{{- define "aibrix-model.selectorLabels" -}}
model.aibrix.ai/name: {{ include "aibrix-model.name" . | quote }}
app.kubernetes.io/instance: {{ .Release.Name | quote }}
{{- end }}

{{/* The AIBrix gateway subscribes to pods with both model.aibrix.ai/name and kv-events-enabled "true". */}}
{{- define "aibrix-model.podLabels" -}}
{{ include "aibrix-model.selectorLabels" . }}
app.kubernetes.io/name: {{ include "aibrix-model.name" . | quote }}
model.aibrix.ai/port: {{ .Values.model.servingPort | toString | quote }}
model.aibrix.ai/metric-port: {{ .Values.model.servingPort | toString | quote }}
model.aibrix.ai/engine: vllm
{{- if .Values.model.kvEvents.enabled }}
model.aibrix.ai/kv-events-enabled: "true"
{{- end }}
{{- if .Values.model.lora.enabled }}
adapter.model.aibrix.ai/enabled: "true"
{{- end }}
{{- with .Values.commonLabels }}
{{ toYaml . }}
{{- end }}
{{- with .Values.podLabels }}
{{ toYaml . }}
{{- end }}
{{- end }}

{{/* The --kv-events-config JSON with the values written in (args mode). */}}
{{- define "aibrix-model.kvEventsConfig" -}}
{{- $kv := .Values.model.kvEvents -}}
{{- $json := printf "{\"enable_kv_cache_events\":true,\"publisher\":%s,\"endpoint\":%s" ($kv.publisherType | toJson) (printf "tcp://*:%d" (int $kv.eventPort) | toJson) -}}
{{- if $kv.replayPort -}}
{{- $json = printf "%s,\"replay_endpoint\":%s" $json (printf "tcp://*:%d" (int $kv.replayPort) | toJson) -}}
{{- end -}}
{{- printf "%s,\"buffer_steps\":%d,\"hwm\":%d,\"topic\":%s}" $json (int $kv.bufferSteps) (int $kv.hwm) ($kv.topic | toJson) -}}
{{- end }}

{{/* The --kv-events-config JSON of env mode: Kubernetes expands each $(VAR) from the container env. */}}
{{- define "aibrix-model.kvEventsEnvConfig" -}}
{{- $json := "{\"enable_kv_cache_events\":true,\"publisher\":\"$(KV_EVENTS_PUBLISHER)\",\"endpoint\":\"$(KV_EVENTS_ENDPOINT)\"" -}}
{{- if .Values.model.kvEvents.replayPort -}}
{{- $json = printf "%s,\"replay_endpoint\":\"$(KV_EVENTS_REPLAY_ENDPOINT)\"" $json -}}
{{- end -}}
{{- printf "%s,\"buffer_steps\":$(KV_EVENTS_BUFFER_STEPS),\"hwm\":$(KV_EVENTS_HWM),\"topic\":\"$(KV_EVENTS_TOPIC)\"}" $json -}}
{{- end }}

{{/* An env value that lands inside JSON quotes: JSON-escaped, with $ doubled against $(VAR) expansion. */}}
{{- define "aibrix-model.envString" -}}
{{- . | toJson | trimPrefix "\"" | trimSuffix "\"" | replace "$" "$$" | quote -}}
{{- end }}

{{/* NetworkPolicy peers: each a namespace (by its automatic name label) and pod labels. */}}
{{- define "aibrix-model.peers" -}}
{{- range . }}
- namespaceSelector:
    matchLabels:
      kubernetes.io/metadata.name: {{ .namespace | quote }}
  podSelector:
    matchLabels:
      {{- toYaml .labels | nindent 6 }}
{{- end }}
{{- end }}
