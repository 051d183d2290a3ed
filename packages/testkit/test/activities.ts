// Activities for the Temporal smoke test; they run in the worker's Node process.

/** Builds the activities; a real package would pass its dependencies in here. */
export function createActivities() {
  return {
    greet(name: string): Promise<string> {
      return Promise.resolve(`Hello, ${name}!`);
    },
  };
}

export type Activities = ReturnType<typeof createActivities>;
