//! The work that makes a study view, as the views' one job runs it: the view's request,
//! served as its kind serves it, its news carried back as an update for the view of its
//! ticket (which the app finds among the views shown, whatever their kinds).

use super::StudyView;
use crate::app::Update;
use crate::keys::action::StudyKind;
use crate::work::job::{Cancel, Ticket};

/// The work that makes a view, for the views' job: its request, served as its kind serves it,
/// with what it finds delivered as news for the view of its ticket.
pub struct ViewJob {
    ticket: Ticket,
    kind: StudyKind,
    run: Box<MakeView>,
}

/// Making a view: its work, handing each update to the function given.
type MakeView = dyn FnOnce(&Cancel, &dyn Fn(Update)) + Send;

impl ViewJob {
    pub(super) fn new<V: StudyView>(ticket: Ticket, request: V::Request) -> ViewJob {
        ViewJob {
            ticket,
            kind: V::KIND,
            run: Box::new(move |cancel, deliver| {
                V::serve(request, cancel, &|found| {
                    deliver(Update::ViewNews(ViewNews {
                        ticket,
                        news: Box::new(found),
                    }));
                });
            }),
        }
    }

    /// Makes the view, handing its news to `deliver` (nothing once `cancel` is set).
    pub fn run(self, cancel: &Cancel, deliver: &dyn Fn(Update)) {
        (self.run)(cancel, deliver);
    }
}

impl std::fmt::Debug for ViewJob {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ViewJob")
            .field("kind", &self.kind)
            .field("ticket", &self.ticket)
            .finish()
    }
}

/// News from the work making a view (of its kind's `Found` type).
pub struct ViewNews {
    pub(super) ticket: Ticket,
    pub(super) news: Box<dyn std::any::Any + Send>,
}

impl std::fmt::Debug for ViewNews {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ViewNews")
            .field("ticket", &self.ticket)
            .finish()
    }
}
