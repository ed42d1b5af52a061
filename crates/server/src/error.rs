//! The server's one error type. API handlers answer with RFC 9457 problem details
//! (`application/problem+json`); pages wrap it in [`crate::pages::PageError`] for an HTML page.
//! A 4xx says what was wrong with the request; a 5xx is logged and answered with a generic message.

use axum::http::{header, StatusCode};
use axum::response::{IntoResponse, Response};
use serde::Serialize;
use thiserror::Error;

#[derive(Debug, Error)]
pub enum Error {
    #[error("{what} {id:?} not found")]
    NotFound { what: &'static str, id: String },
    #[error("no such page: {0}")]
    NoRoute(String),
    #[error("{0}")]
    BadRequest(String),
    #[error("this server is read-only: start it with a token to accept documents")]
    ReadOnly,
    #[error("missing or wrong bearer token")]
    Unauthorized,
    #[error("{0}")]
    Unprocessable(String),
    #[error("request body too large (the limit is {limit} bytes)")]
    TooLarge { limit: usize },
    #[error("store: {0}")]
    Store(#[from] store::StoreError),
    #[error("{0}")]
    Internal(String),
}

impl Error {
    pub fn status(&self) -> StatusCode {
        match self {
            Error::NotFound { .. } | Error::NoRoute(_) => StatusCode::NOT_FOUND,
            Error::BadRequest(_) => StatusCode::BAD_REQUEST,
            Error::ReadOnly => StatusCode::FORBIDDEN,
            Error::Unauthorized => StatusCode::UNAUTHORIZED,
            Error::Unprocessable(_) => StatusCode::UNPROCESSABLE_ENTITY,
            Error::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
            Error::Store(store::StoreError::Query { .. }) => StatusCode::BAD_REQUEST,
            Error::Store(_) | Error::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// The text shown to the client: the error itself for a 4xx, a generic line for a 5xx (whose
    /// details go to the log instead, so no path or SQL reaches a browser).
    pub fn public_detail(&self) -> String {
        let status = self.status();
        if status.is_server_error() {
            tracing::error!(error = %self, "request failed");
            "internal error; the server log has the details".to_string()
        } else {
            self.to_string()
        }
    }
}

/// RFC 9457 problem details.
#[derive(Serialize)]
struct Problem<'a> {
    #[serde(rename = "type")]
    kind: &'a str,
    title: &'a str,
    status: u16,
    detail: String,
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        let problem = Problem {
            kind: "about:blank",
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail: self.public_detail(),
        };
        let body = serde_json::to_vec(&problem).unwrap_or_else(|_| b"{}".to_vec());
        let mut response = (
            status,
            [(header::CONTENT_TYPE, "application/problem+json")],
            body,
        )
            .into_response();
        if matches!(self, Error::Unauthorized) {
            response.headers_mut().insert(
                header::WWW_AUTHENTICATE,
                header::HeaderValue::from_static("Bearer"),
            );
        }
        response
    }
}
