//! The OpenAPI 3.1 description of the JSON API, served at `/api/openapi.json`.

use std::sync::OnceLock;

use serde_json::{json, Value};

fn page_params() -> Value {
    json!([
        {"name": "page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 100000, "default": 1}},
        {"name": "per_page", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 200, "default": 50}}
    ])
}

fn paged(item: &str) -> Value {
    json!({
        "type": "object",
        "required": ["items", "page", "per_page", "next"],
        "properties": {
            "items": {"type": "array", "items": {"$ref": format!("#/components/schemas/{item}")}},
            "page": {"type": "integer"}, "per_page": {"type": "integer"}, "total": {"type": "integer"},
            "next": {"type": ["string", "null"], "description": "URL of the next page; null on the last page"}
        }
    })
}

fn ok(schema: Value) -> Value {
    json!({
        "200": {"description": "OK", "content": {"application/json": {"schema": schema}}},
        "400": {"$ref": "#/components/responses/Problem"},
        "404": {"$ref": "#/components/responses/Problem"}
    })
}

fn with(mut params: Value, extra: Value) -> Value {
    if let (Some(list), Some(more)) = (params.as_array_mut(), extra.as_array()) {
        list.extend(more.iter().cloned());
    }
    params
}

fn build() -> Value {
    let offsets = json!({
        "start": {"type": "integer", "description": "UTF-8 byte offset into the document text"},
        "end": {"type": "integer", "description": "UTF-8 byte offset, exclusive"},
        "start_utf16": {"type": "integer", "description": "the same position in UTF-16 code units (only with the text)"},
        "end_utf16": {"type": "integer"}
    });
    let id_param =
        json!([{"name": "id", "in": "path", "required": true, "schema": {"type": "string"}}]);
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "corroborate",
            "version": "1",
            "description": "A sourced ledger of news articles: documents, entities, numeric claims and quotes, with byte offsets into each document's text. Read-only unless the server was started with a token."
        },
        "paths": {
            "/api/stats": {"get": {"summary": "Row counts", "responses": ok(json!({"$ref": "#/components/schemas/Stats"}))}},
            "/api/documents": {
                "get": {"summary": "Documents in the order they were stored", "parameters": page_params(),
                        "responses": ok(paged("DocumentSummary"))},
                "post": {
                    "summary": "Ingest one article (text or HTML, possibly gzipped); needs the server's bearer token",
                    "security": [{"bearer": []}],
                    "parameters": [{"name": "source", "in": "query", "schema": {"type": "string"}, "description": "a name for the input (path or URL)"}],
                    "requestBody": {"required": true, "content": {"text/plain": {}, "text/html": {}, "application/octet-stream": {}}},
                    "responses": {
                        "201": {"description": "Stored", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ingested"}}}},
                        "200": {"description": "Already stored (same content)", "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Ingested"}}}},
                        "401": {"$ref": "#/components/responses/Problem"},
                        "403": {"$ref": "#/components/responses/Problem"},
                        "413": {"$ref": "#/components/responses/Problem"},
                        "422": {"$ref": "#/components/responses/Problem"}
                    }
                }
            },
            "/api/documents/{id}": {"get": {"summary": "One document with its text and every extracted span", "parameters": id_param,
                                             "responses": ok(json!({"$ref": "#/components/schemas/DocumentDetail"}))}},
            "/api/entities": {"get": {"summary": "Entities, the most widely mentioned first", "parameters": page_params(),
                                       "responses": ok(paged("EntitySummary"))}},
            "/api/entities/{id}": {"get": {"summary": "One entity with its aliases, one page of its mentions (page, per_page; next links the following page) and its first 50 quotes (quotes_next links the rest)",
                                            "parameters": with(id_param.clone(), page_params()),
                                            "responses": ok(json!({"$ref": "#/components/schemas/EntityDetail"}))}},
            "/api/claims": {"get": {
                "summary": "Claims, in document order",
                "parameters": with(page_params(), json!([
                    {"name": "measure", "in": "query", "schema": {"type": "string", "enum": ["killed","wounded","casualties","deployed","captured","missing","displaced","arrested","cost","other"]}},
                    {"name": "entity", "in": "query", "schema": {"type": "string"}, "description": "an entity id or name: claims whose subject or source it is"},
                    {"name": "document", "in": "query", "schema": {"type": "string"}}
                ])),
                "responses": ok(paged("Claim"))}},
            "/api/claims/{id}": {"get": {"summary": "One claim", "parameters": id_param, "responses": ok(json!({"$ref": "#/components/schemas/Claim"}))}},
            "/api/quotes": {"get": {
                "summary": "Quotes, in document order",
                "parameters": with(page_params(), json!([{"name": "speaker", "in": "query", "schema": {"type": "string"}, "description": "a speaker's name (any case) or entity id"}])),
                "responses": ok(paged("Quote"))}},
            "/api/groups": {"get": {
                "summary": "Claims about one quantity across documents, reconciled into low / best / high with a status (consistent, revised, contradiction) and independent origins; computed from the stored claims on each request",
                "parameters": page_params(),
                "responses": ok(paged("Group"))}},
            "/api/search": {"get": {
                "summary": "Full-text search over titles and texts (every word must occur; a trailing * makes a prefix)",
                "parameters": with(page_params(), json!([{"name": "q", "in": "query", "required": true, "schema": {"type": "string", "maxLength": 512}}])),
                "responses": ok(paged("SearchHit"))}}
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "responses": {"Problem": {"description": "RFC 9457 problem details", "content": {"application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}}}},
            "schemas": {
                "Problem": {"type": "object", "properties": {"type": {"type": "string"}, "title": {"type": "string"}, "status": {"type": "integer"}, "detail": {"type": "string"}}},
                "Stats": {"type": "object", "properties": {"documents": {"type": "integer"}, "claims": {"type": "integer"}, "quotes": {"type": "integer"}, "entities": {"type": "integer"}}},
                "Offsets": {"type": "object", "properties": offsets},
                "DocumentSummary": {"type": "object", "properties": {
                    "id": {"type": "string"}, "source": {"type": "string"}, "title": {"type": ["string", "null"]}, "author": {"type": ["string", "null"]},
                    "outlet": {"type": ["string", "null"]}, "published": {"type": ["string", "null"], "format": "date"}, "language": {"type": ["string", "null"]},
                    "bytes": {"type": "integer"}, "claims": {"type": "integer"}, "quotes": {"type": "integer"}, "url": {"type": "string"}}},
                "DocumentDetail": {"type": "object", "properties": {
                    "id": {"type": "string"}, "source": {"type": "string"}, "sha256": {"type": "string"}, "title": {"type": ["string", "null"]},
                    "text": {"type": "string"},
                    "boilerplate": {"type": "array", "items": {"allOf": [{"$ref": "#/components/schemas/Offsets"}, {"properties": {"kind": {"type": "string"}}}]}},
                    "sentences": {"type": "array", "items": {"$ref": "#/components/schemas/Offsets"}},
                    "mentions": {"type": "array", "items": {"allOf": [{"$ref": "#/components/schemas/Offsets"}, {"properties": {"text": {"type": "string"}, "type": {"type": "string"}, "name": {"type": ["string", "null"]}}}]}},
                    "claims": {"type": "array", "items": {"$ref": "#/components/schemas/Claim"}},
                    "quotes": {"type": "array", "items": {"$ref": "#/components/schemas/Quote"}}}},
                "Claim": {"type": "object", "properties": {
                    "id": {"type": "string"}, "document": {"type": "string"}, "source": {"type": "string"},
                    "start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"},
                    "sentence": {"$ref": "#/components/schemas/Offsets"},
                    "value": {"type": ["number", "null"]}, "low": {"type": ["number", "null"]}, "high": {"type": ["number", "null"]},
                    "hedge": {"type": "string", "enum": ["exact","approximately","more_than","at_least","less_than","at_most","range","vague"]},
                    "measure": {"type": "string"}, "counted": {"type": ["string", "null"]}, "subject": {"type": ["string", "null"]},
                    "attributed_to": {"type": ["object", "null"], "properties": {"name": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"}}},
                    "as_of": {"type": ["string", "null"], "format": "date"}, "outlet": {"type": ["string", "null"]},
                    "published": {"type": ["string", "null"], "format": "date"}, "url": {"type": "string"}}},
                "Group": {"type": "object", "properties": {
                    "id": {"type": "string"}, "measure": {"type": "string"}, "subject": {"type": ["string", "null"]}, "counted": {"type": ["string", "null"]},
                    "claims": {"type": "array", "items": {"type": "string"}}, "sources": {"type": "integer"}, "independent_sources": {"type": "integer"},
                    "low": {"type": ["number", "null"]}, "best": {"type": ["number", "null"]}, "high": {"type": ["number", "null"]},
                    "status": {"type": "string", "enum": ["consistent", "revised", "contradiction"]}, "note": {"type": "string"},
                    "first_reported": {"type": "object", "properties": {"claim": {"type": "string"}, "source": {"type": "string"}, "published": {"type": ["string", "null"]}}}}},
                "Quote": {"type": "object", "properties": {
                    "id": {"type": "string"}, "document": {"type": "string"}, "source": {"type": "string"},
                    "start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"},
                    "speaker": {"type": ["object", "null"], "properties": {"name": {"type": "string"}, "entity": {"type": ["string", "null"]}, "start": {"type": "integer"}, "end": {"type": "integer"}}},
                    "cue": {"type": ["string", "null"]}, "appearances": {"type": "integer"}}},
                "EntitySummary": {"type": "object", "properties": {
                    "id": {"type": "string"}, "name": {"type": "string"}, "type": {"type": "string"}, "aliases": {"type": "array", "items": {"type": "string"}},
                    "mentions": {"type": "integer"}, "documents": {"type": "integer"}, "url": {"type": "string"}}},
                "EntityDetail": {"type": "object", "properties": {
                    "id": {"type": "string"}, "name": {"type": "string"}, "type": {"type": "string"}, "aliases": {"type": "array", "items": {"type": "string"}},
                    "mention_count": {"type": "integer"}, "document_count": {"type": "integer"},
                    "documents": {"type": "array", "items": {"type": "string"}, "description": "the documents of this page's mentions"},
                    "mentions": {"type": "array", "items": {"type": "object", "properties": {"document": {"type": "string"}, "source": {"type": "string"}, "start": {"type": "integer"}, "end": {"type": "integer"}, "text": {"type": "string"}}}},
                    "page": {"type": "integer"}, "per_page": {"type": "integer"}, "next": {"type": ["string", "null"]},
                    "quotes": {"type": "array", "items": {"$ref": "#/components/schemas/Quote"}}, "quotes_next": {"type": ["string", "null"]}}},
                "SearchHit": {"type": "object", "properties": {
                    "id": {"type": "string"}, "source": {"type": "string"}, "title": {"type": ["string", "null"]}, "outlet": {"type": ["string", "null"]},
                    "published": {"type": ["string", "null"]}, "snippet": {"type": "string"}, "url": {"type": "string"}}},
                "Ingested": {"type": "object", "properties": {
                    "id": {"type": "string"}, "created": {"type": "boolean"}, "claims": {"type": "integer"}, "quotes": {"type": "integer"}, "url": {"type": "string"}}}
            }
        }
    })
}

/// The description as JSON text, built once.
pub fn document() -> &'static str {
    static DOC: OnceLock<String> = OnceLock::new();
    DOC.get_or_init(|| serde_json::to_string_pretty(&build()).unwrap_or_default())
}
