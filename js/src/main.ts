console.log("reblocks");
